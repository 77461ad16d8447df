use reqwest::StatusCode;

use crate::helpers::{ADMIN, TestApp, error_text, json};

#[tokio::test]
async fn a_system_admin_creates_a_user_who_can_then_sign_in() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "Anna.Berg", "dam_read", "anna-password-1")
        .await;
    let users = json(app.get(&admin, "/api/users/list_users").await).await;
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [ADMIN, "anna.berg"], "names are kept lowercased");
    let response = app.sign_in(&app.client(), "ANNA.BERG", "anna-password-1").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn bad_user_input_is_refused_with_a_reason_and_nothing_is_created() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let cases = [
        (("a b", "dam_read", "long-enough-pw"), "not ' '"),
        (("ok-name", "dam_read", "short"), "10 to 256 characters"),
        ((&*"n".repeat(65), "dam_read", "long-enough-pw"), "2 to 64 characters"),
    ];
    for ((user_name, role, password), reason) in cases {
        let form = [("user_name", user_name), ("role", role), ("password", password)];
        let response = app.post(&admin, "/api/users/create_user", &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{user_name}");
        let message = error_text(response).await;
        assert!(message.contains(reason), "{message}");
    }
    let form = [
        ("user_name", "ok-name"),
        ("role", "root"),
        ("password", "long-enough-pw"),
    ];
    assert_eq!(
        app.post(&admin, "/api/users/create_user", &form).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let users = json(app.get(&admin, "/api/users/list_users").await).await;
    assert_eq!(users.as_array().unwrap().len(), 1, "only the admin exists");
}

#[tokio::test]
async fn a_taken_user_name_is_a_conflict() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "twin", "dam_read", "twin-password").await;
    let form = [
        ("user_name", "TWIN"),
        ("role", "pim_write"),
        ("password", "twin-password"),
    ];
    let response = app.post(&admin, "/api/users/create_user", &form).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(error_text(response).await, "A user named \"twin\" exists already.");
}

#[tokio::test]
async fn roles_and_passwords_change_and_end_the_users_sessions() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app
        .create_user(&admin, "mover", "dam_read", "first-password")
        .await
        .to_string();
    let mover = app.signed_in("mover", "first-password").await;
    let elsewhere = app.signed_in("mover", "first-password").await;
    assert_eq!(
        app.post(&mover, "/api/manage/anything", &[]).await.status(),
        StatusCode::FORBIDDEN
    );

    let changed = app
        .post(
            &admin,
            "/api/users/set_user_role",
            &[("user_id", &id), ("role", "dam_write")],
        )
        .await;
    assert_eq!(json(changed).await["role"], "dam_write");
    for session in [&mover, &elsewhere] {
        assert_eq!(
            app.get(session, "/api/view/list_assets?filter=").await.status(),
            StatusCode::UNAUTHORIZED,
            "a role change ends every session of the user"
        );
    }
    let mover = app.signed_in("mover", "first-password").await;
    assert_ne!(
        app.post(&mover, "/api/manage/anything", &[]).await.status(),
        StatusCode::FORBIDDEN,
        "the new role applies"
    );

    let reset = app
        .post(
            &admin,
            "/api/users/reset_user_password",
            &[("user_id", &id), ("password", "second-password")],
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(
        app.get(&mover, "/api/view/list_assets?filter=").await.status(),
        StatusCode::UNAUTHORIZED,
        "whoever knew the old password is signed out"
    );
    assert_eq!(app.get(&admin, "/api/users/list_users").await.status(), StatusCode::OK);
    assert_eq!(
        app.sign_in(&app.client(), "mover", "first-password").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(&app.client(), "mover", "second-password").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn reactivating_a_user_brings_no_old_session_back() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app
        .create_user(&admin, "leaver", "dam_write", "leaver-password")
        .await
        .to_string();
    let leaver = app.signed_in("leaver", "leaver-password").await;
    for active in ["false", "true"] {
        let response = app
            .post(
                &admin,
                "/api/users/set_user_active",
                &[("user_id", &id), ("active", active)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(
        app.get(&leaver, "/api/view/list_assets?filter=").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(&app.client(), "leaver", "leaver-password").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_admin_who_resets_their_own_password_stays_signed_in_there_only() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let other_browser = app.admin().await;
    let me = json(app.get(&admin, "/api/public/current_user").await).await["id"].to_string();
    let reset = app
        .post(
            &admin,
            "/api/users/reset_user_password",
            &[("user_id", &me), ("password", "a-new-admin-password")],
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(app.get(&admin, "/api/users/list_users").await.status(), StatusCode::OK);
    assert_eq!(
        app.get(&other_browser, "/api/users/list_users").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let me = json(app.get(&admin, "/api/public/current_user").await).await["id"].to_string();
    let demote = app
        .post(
            &admin,
            "/api/users/set_user_role",
            &[("user_id", &me), ("role", "dam_read")],
        )
        .await;
    assert_eq!(demote.status(), StatusCode::CONFLICT);
    let deactivate = app
        .post(
            &admin,
            "/api/users/set_user_active",
            &[("user_id", &me), ("active", "false")],
        )
        .await;
    assert_eq!(deactivate.status(), StatusCode::CONFLICT);
    assert!(error_text(deactivate).await.contains("your own account"));
    assert_eq!(app.get(&admin, "/api/users/list_users").await.status(), StatusCode::OK);
}
