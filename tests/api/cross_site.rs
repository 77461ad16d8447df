//! A page on another site, or on another port of this host, cannot make a signed-in browser
//! change anything: every write that says it came from elsewhere is refused before it runs.

use reqwest::{Client, StatusCode, header};

use crate::helpers::{TestApp, error_text, fixture, json};

/// An admin's browser on a page of `origin`, posting a form to damson.
async fn post_from(
    app: &TestApp,
    admin: &Client,
    origin: &str,
    site: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    admin
        .post(app.url(path))
        .header(header::ORIGIN, origin)
        .header("sec-fetch-site", site)
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_page_on_another_port_cannot_create_an_admin_with_an_admins_cookie() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let other_port = app
        .address
        .rsplit_once(':')
        .map(|(host, _)| format!("{host}:1"))
        .unwrap();
    let form = [
        ("user_name", "intruder"),
        ("role", "system_admin"),
        ("password", "intruder-password"),
    ];
    for (origin, site) in [
        (other_port.as_str(), "same-site"),
        ("https://evil.example", "cross-site"),
        ("null", "cross-site"),
    ] {
        let refused = post_from(&app, &admin, origin, site, "/api/users/create_user", &form).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "from {origin}");
        assert!(error_text(refused).await.contains("came from another site"));
    }
    // Only Origin, as older browsers send it, is enough to refuse.
    let origin_only = admin
        .post(app.url("/api/users/create_user"))
        .header(header::ORIGIN, &other_port)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(origin_only.status(), StatusCode::FORBIDDEN);
    let users = json(app.get(&admin, "/api/users/list_users").await).await;
    assert!(!users.to_string().contains("intruder"), "{users}");
}

#[tokio::test]
async fn uploads_sign_in_and_sign_out_from_another_site_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let upload = admin
        .post(app.url("/api/manage/uploads"))
        .header("sec-fetch-site", "cross-site")
        .json(&serde_json::json!({ "file_name": "planted.png", "size": fixture("hopper.png").len() }))
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        json(app.get(&admin, "/api/manage/uploads").await).await,
        serde_json::json!([])
    );
    assert!(app.stored_files().is_empty());

    let sign_out = post_from(
        &app,
        &admin,
        "https://evil.example",
        "cross-site",
        "/api/public/sign_out",
        &[],
    )
    .await;
    assert_eq!(sign_out.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&admin, "/api/users/list_users").await.status(),
        StatusCode::OK,
        "still signed in"
    );

    // Signing a victim in to the attacker's account is refused too.
    let stranger = app.client();
    let form = [("user_name", "admin"), ("password", crate::helpers::ADMIN_PASSWORD)];
    let sign_in = post_from(
        &app,
        &stranger,
        "https://evil.example",
        "cross-site",
        "/api/public/sign_in",
        &form,
    )
    .await;
    assert_eq!(sign_in.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        json(app.get(&stranger, "/api/public/current_user").await).await,
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn damsons_own_pages_and_plain_forms_keep_working() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // What a browser sends for a form on damson's own page, JavaScript off.
    let created = admin
        .post(app.url("/api/users/create_user"))
        .header(header::ORIGIN, &app.address)
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/users"))
        .form(&[
            ("user_name", "newcomer"),
            ("role", "dam_read"),
            ("password", "newcomer-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::FOUND);
    assert_eq!(
        app.sign_in(&app.client(), "newcomer", "newcomer-password")
            .await
            .status(),
        StatusCode::OK
    );
    // Reading from anywhere stays allowed.
    let read = admin
        .get(app.url("/api/users/list_users"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
}
