use reqwest::{StatusCode, header};
use std::time::Duration;

use crate::helpers::{ADMIN, ADMIN_PASSWORD, TestApp, error_text, json};

#[tokio::test]
async fn signing_in_sets_a_protected_session_cookie_and_knows_the_user() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app.sign_in(&client, ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("damson_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not get a Secure cookie: {cookie}"
    );
    assert_eq!(json(response).await["role"], "system_admin");

    let me = json(app.get(&client, "/api/public/current_user").await).await;
    assert_eq!(me["user_name"], ADMIN);
}

#[tokio::test]
async fn cookies_are_secure_when_damson_is_served_over_https() {
    let app = TestApp::spawn_with(&[("DAMSON_PUBLIC_URL", "https://dam.example.com")]).await;
    let response = app.sign_in(&app.client(), ADMIN, ADMIN_PASSWORD).await;
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let wrong_password = app.sign_in(&app.client(), ADMIN, "not-the-password").await;
    let unknown_user = app.sign_in(&app.client(), "nobody-here", "not-the-password").await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_user.status(), StatusCode::UNAUTHORIZED);
    let (first, second) = (error_text(wrong_password).await, error_text(unknown_user).await);
    assert_eq!(first, "Wrong user name or password.");
    assert_eq!(first, second);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let client = app.admin().await;
    assert_eq!(app.get(&client, "/api/users/list_users").await.status(), StatusCode::OK);
    assert_eq!(
        app.post(&client, "/api/public/sign_out", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&client, "/api/users/list_users").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        json(app.get(&client, "/api/public/current_user").await).await,
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn a_session_expires_after_the_configured_lifetime_even_if_the_cookie_is_replayed() {
    let app = TestApp::spawn_with(&[("DAMSON_SESSION_LIFETIME", "2s")]).await;
    let response = app.sign_in(&app.client(), ADMIN, ADMIN_PASSWORD).await;
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let replay = || async {
        reqwest::Client::new()
            .get(app.url("/api/users/list_users"))
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(replay().await, StatusCode::OK);
    app.let_pass(Duration::from_millis(3500));
    assert_eq!(replay().await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn too_many_failures_lock_the_user_name_for_a_minute() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "other.user", "dam_read", "other-password")
        .await;
    for _ in 0..5 {
        let response = app.sign_in(&app.client(), ADMIN, "guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused now, and the answer says when to come back.
    let locked = app.sign_in(&app.client(), ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = locked.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    let message = error_text(locked).await;
    assert!(
        message.contains(&format!("Try again in {retry_after} seconds")),
        "{message}"
    );
    // Other user names are not affected.
    assert_eq!(
        app.sign_in(&app.client(), "other.user", "other-password")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_plain_form_post_signs_in_and_goes_back_to_the_page_asked_for() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let form_post = |password: &'static str| {
        client
            .post(app.url("/api/public/sign_in"))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, app.url("/sign-in?next=%2Fusers"))
            .form(&[("user_name", ADMIN), ("password", password), ("next", "/users")])
            .send()
    };
    let failed = form_post("wrong-password").await.unwrap();
    assert_eq!(failed.status(), StatusCode::FOUND);
    let back = failed.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert!(
        back.contains("/sign-in?next=%2Fusers") && back.contains("__err="),
        "{back}"
    );

    let signed_in = form_post(ADMIN_PASSWORD).await.unwrap();
    assert_eq!(signed_in.status(), StatusCode::FOUND);
    assert_eq!(signed_in.headers()[header::LOCATION], "/users");
    let page = app.get(&client, "/users").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Create a user"));
}

#[tokio::test]
async fn next_never_leads_off_the_site() {
    let app = TestApp::spawn().await;
    // Browsers drop tabs and line breaks from addresses, so "/\t/evil.example" would go to
    // "//evil.example"; a line break cannot go into a Location header at all.
    for next in [
        "//evil.example/",
        "/\t/evil.example",
        "/\n/evil.example",
        "/assets\r\nSet-Cookie: planted=1",
        "https://evil.example/",
    ] {
        let response = app
            .client()
            .post(app.url("/api/public/sign_in"))
            .header(header::ACCEPT, "text/html")
            .form(&[("user_name", ADMIN), ("password", ADMIN_PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap_or_else(|e| panic!("the server answers a next of {next:?}: {e}"));
        assert_eq!(response.status(), StatusCode::FOUND, "{next:?}");
        assert_eq!(response.headers()[header::LOCATION], "/assets", "{next:?}");
        let cookies = response.headers().get_all(header::SET_COOKIE);
        assert!(
            cookies.iter().all(|c| !c.to_str().unwrap().contains("planted")),
            "{next:?}"
        );
    }
}

#[tokio::test]
async fn a_session_in_use_stays_alive_and_an_idle_one_ends() {
    let app = TestApp::spawn_with(&[("DAMSON_SESSION_LIFETIME", "4s")]).await;
    let client = app.admin().await;
    // A request every second for ten seconds: more than twice the lifetime since signing in.
    for second in 1..=10 {
        app.let_pass(Duration::from_secs(1));
        let status = app.get(&client, "/api/users/list_users").await.status();
        assert_eq!(status, StatusCode::OK, "after {second} s of use");
    }
    app.let_pass(Duration::from_secs(6));
    assert_eq!(
        app.get(&client, "/api/users/list_users").await.status(),
        StatusCode::UNAUTHORIZED,
        "six idle seconds end a 4 s session"
    );
}

#[tokio::test]
async fn fifty_wrong_passwords_at_once_get_at_most_five_checked() {
    let app = TestApp::spawn().await;
    let guesses = (0..50).map(|n| {
        let app = &app;
        async move { app.sign_in(&app.client(), ADMIN, &format!("guess-{n}")).await.status() }
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "{checked} guesses were checked: {statuses:?}");
    assert_eq!(checked + refused, 50, "{statuses:?}");
    assert_eq!(
        app.sign_in(&app.client(), ADMIN, ADMIN_PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the name is locked"
    );
}

#[tokio::test]
async fn a_hundred_and_fifty_sign_ins_at_once_keep_memory_flat() {
    let app = TestApp::spawn().await;
    app.admin().await;
    let (before, _) = app.memory_kib();
    // Different names, so that no throttle stops them: every one costs a password hash.
    let sign_ins = (0..150).map(|n| {
        let app = &app;
        async move {
            app.sign_in(&app.client(), &format!("visitor-{n}"), "some-password")
                .await
                .status()
        }
    });
    let statuses = futures_util::future::join_all(sign_ins).await;
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::UNAUTHORIZED), "some were checked");
    let (_, peak) = app.memory_kib();
    let growth_mib = peak.saturating_sub(before) / 1024;
    assert!(growth_mib < 200, "memory grew by {growth_mib} MiB");
    // Those that had to wait may try again.
    assert_eq!(
        app.sign_in(&app.client(), ADMIN, ADMIN_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_ins_of_one_user_at_the_same_moment_never_fail_on_the_server() {
    let app = TestApp::spawn().await;
    // A good password clears the name's attempts while the others are being counted.
    let sign_ins = (0..40).map(|n| {
        let app = &app;
        let password = if n % 2 == 0 {
            ADMIN_PASSWORD.to_owned()
        } else {
            format!("guess-{n}")
        };
        async move { app.sign_in(&app.client(), ADMIN, &password).await.status() }
    });
    let statuses = futures_util::future::join_all(sign_ins).await;
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::OK, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(s)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::OK));
}
