use reqwest::{StatusCode, header};

use crate::helpers::{TestApp, error_text, json};

/// Every role against every kind of access. Manage functions arrive with assets; until then the
/// guard's answer for `/api/manage/…` (403 before any function runs) is what is checked.
#[tokio::test]
async fn every_role_gets_exactly_its_permissions() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // (role, may manage assets, may manage users)
    let table = [
        ("system_admin", true, true),
        ("pim_admin", true, false),
        ("pim_write", true, false),
        ("dam_write", true, false),
        ("dam_read", false, false),
    ];
    for (role, manages_assets, manages_users) in table {
        let user_name = format!("user-{role}");
        app.create_user(&admin, &user_name, role, "a-good-password").await;
        let client = app.signed_in(&user_name, "a-good-password").await;

        let me = json(app.get(&client, "/api/public/current_user").await).await;
        assert_eq!(me["role"], role);

        let users = app.get(&client, "/api/users/list_users").await.status();
        assert_eq!(users == StatusCode::OK, manages_users, "{role} on list_users: {users}");
        if !manages_users {
            assert_eq!(users, StatusCode::FORBIDDEN, "{role}");
        }

        let manage = app.post(&client, "/api/manage/any_manage_function", &[]).await.status();
        assert_eq!(
            manage == StatusCode::FORBIDDEN,
            !manages_assets,
            "{role} on a manage call: {manage}"
        );
        assert_ne!(manage, StatusCode::UNAUTHORIZED, "{role} is signed in");
    }
}

#[tokio::test]
async fn a_dam_read_user_is_told_clearly_why_a_manage_call_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "reader", "dam_read", "reader-password").await;
    let reader = app.signed_in("reader", "reader-password").await;
    let refused = app.post(&reader, "/api/manage/any_manage_function", &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        error_text(refused).await,
        "You are not allowed to manage assets. Ask a System admin for a role that may."
    );
    let refused = app
        .post(
            &reader,
            "/api/users/create_user",
            &[("user_name", "x1"), ("role", "dam_read")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn anonymous_calls_get_401_and_pages_send_them_to_sign_in_and_back() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    for path in ["/api/users/list_users", "/api/view/anything", "/api/manage/anything"] {
        let response = app.post(&anonymous, path, &[]).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(error_text(response).await, "Please sign in.");
    }
    let page = app.get(&anonymous, "/users?tab=x").await;
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(page.headers()[header::LOCATION], "/sign-in?next=%2Fusers%3Ftab%3Dx");
    assert_eq!(app.get(&anonymous, "/sign-in").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_server_function_path_without_an_access_prefix_serves_no_one() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let response = app.post(&admin, "/api/list_users", &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_deactivated_user_is_signed_out_at_once_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.create_user(&admin, "leaver", "dam_write", "leaver-password").await;
    let leaver = app.signed_in("leaver", "leaver-password").await;
    let response = app
        .post(
            &admin,
            "/api/users/set_user_active",
            &[("user_id", &id.to_string()), ("active", "false")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.post(&leaver, "/api/manage/anything", &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let again = app.sign_in(&app.client(), "leaver", "leaver-password").await;
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
    assert!(error_text(again).await.contains("deactivated"));
}
