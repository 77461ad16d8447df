//! API tokens: made on the API tokens page, shown once, kept only as a fingerprint, and refused
//! with the reason as soon as they are mistyped, revoked, expired or their owner is deactivated.

use reqwest::{Client, StatusCode, header};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::Duration;

use crate::helpers::{TestApp, json};

/// Makes a token through the page's server function; its JSON (`token`, `secret`).
pub async fn made_token(app: &TestApp, client: &Client, name: &str, scopes: &[&str], lasts_days: &str) -> Value {
    let mut form = vec![("name", name), ("lasts_days", lasts_days)];
    form.extend(scopes.iter().map(|scope| ("scopes[]", *scope)));
    let response = app.post(client, "/api/view/create_api_token", &form).await;
    assert_eq!(response.status(), StatusCode::OK, "make token {name}");
    json(response).await
}

/// The secret of a new token of `client`'s, with these scopes, lasting a year.
pub async fn secret(app: &TestApp, client: &Client, scopes: &[&str]) -> String {
    made_token(app, client, "script", scopes, "365").await["secret"]
        .as_str()
        .expect("a secret")
        .to_owned()
}

/// A GET of the API with `secret` as its bearer token, from a client without cookies.
pub async fn api_get(app: &TestApp, secret: &str, path: &str) -> reqwest::Response {
    Client::new()
        .get(app.url(path))
        .bearer_auth(secret)
        .send()
        .await
        .expect("request")
}

/// A request to the API with `secret` as its bearer token, from a client without cookies.
pub fn api(app: &TestApp, secret: &str, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
    Client::new().request(method, app.url(path)).bearer_auth(secret)
}

/// The `code` of a problem answer, checking that it is one.
pub async fn problem_code(response: reqwest::Response) -> String {
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
    let status = response.status().as_u16();
    let problem = json(response).await;
    assert_eq!(problem["status"], status, "{problem}");
    assert!(!problem["detail"].as_str().unwrap_or_default().is_empty(), "{problem}");
    problem["code"].as_str().expect("a code").to_owned()
}

#[tokio::test]
async fn a_token_is_shown_once_listed_by_its_start_and_works_until_revoked() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let made = made_token(&app, &admin, " Web shop ", &["assets:read", "catalog:read"], "90").await;
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("dam_") && secret.len() == 40, "{secret}");
    assert_eq!(made["token"]["name"], "Web shop");
    assert_eq!(
        made["token"]["scopes"],
        serde_json::json!(["AssetsRead", "CatalogRead"])
    );

    let listed = json(app.get(&admin, "/api/view/list_api_tokens").await).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    assert_eq!(listed[0]["shown"], secret[..12]);
    assert!(
        !listed.to_string().contains(&secret[12..]),
        "the secret is never listed"
    );
    assert_eq!(listed[0]["last_used_at"], Value::Null);
    // Only a fingerprint is kept: the secret's SHA-256, and nothing of it past what is shown.
    let db = app.database().await;
    let digest: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let hidden = &secret[12..];
    let count = |sql: String| {
        let db = &db;
        async move { crate::helpers::scalar(db, &sql).await }
    };
    assert_eq!(
        count(format!(
            "SELECT count(*) FROM api_tokens WHERE secret_hash = '{digest}'"
        ))
        .await,
        1
    );
    let leaked =
        format!("SELECT count(*) FROM api_tokens WHERE secret_hash LIKE '%{hidden}%' OR shown LIKE '%{hidden}%'");
    assert_eq!(count(leaked).await, 0);

    assert_eq!(api_get(&app, &secret, "/api/v1/assets").await.status(), StatusCode::OK);
    let listed = json(app.get(&admin, "/api/view/list_api_tokens").await).await;
    assert_ne!(listed[0]["last_used_at"], Value::Null, "its use is noted");

    let id = made["token"]["id"].to_string();
    let revoked = app
        .post(&admin, "/api/view/revoke_api_token", &[("token_id", &id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let refused = api_get(&app, &secret, "/api/v1/assets").await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(problem_code(refused).await, "invalid_token");
}

#[tokio::test]
async fn a_missing_mistyped_expired_or_orphaned_token_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "ria", "dam_write", "correct horse battery")
        .await;
    let ria = app.signed_in("ria", "correct horse battery").await;

    // No token at all, and a signed-in browser's cookie in place of one.
    let none = Client::new().get(app.url("/api/v1/assets")).send().await.unwrap();
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers()[header::WWW_AUTHENTICATE], "Bearer");
    assert_eq!(problem_code(none).await, "invalid_token");
    let cookie_only = app.get(&ria, "/api/v1/assets").await;
    assert_eq!(cookie_only.status(), StatusCode::UNAUTHORIZED);

    // One character off: refused by its checksum.
    let secret = secret(&app, &ria, &["assets:read"]).await;
    let mut typo = secret.clone().into_bytes();
    typo[20] = if typo[20] == b'a' { b'b' } else { b'a' };
    let typo = String::from_utf8(typo).unwrap();
    let response = api_get(&app, &typo, "/api/v1/assets").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        json(response).await["detail"]
            .as_str()
            .unwrap()
            .contains("copied whole")
    );

    // Its owner deactivated: refused from the next request on; active again, it works again.
    assert_eq!(api_get(&app, &secret, "/api/v1/assets").await.status(), StatusCode::OK);
    let ria_id = json(app.get(&admin, "/api/users/list_users").await)
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|user| user["user_name"] == "ria")
        .unwrap()["id"]
        .to_string();
    let off = app
        .post(
            &admin,
            "/api/users/set_user_active",
            &[("user_id", &ria_id), ("active", "false")],
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    let response = api_get(&app, &secret, "/api/v1/assets").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(json(response).await["detail"].as_str().unwrap().contains("deactivated"));
    app.post(
        &admin,
        "/api/users/set_user_active",
        &[("user_id", &ria_id), ("active", "true")],
    )
    .await;
    assert_eq!(api_get(&app, &secret, "/api/v1/assets").await.status(), StatusCode::OK);

    // Past its last day.
    let admin = app.admin().await;
    let short = made_token(&app, &admin, "trial", &["assets:read"], "30").await;
    let short = short["secret"].as_str().unwrap();
    assert_eq!(api_get(&app, short, "/api/v1/assets").await.status(), StatusCode::OK);
    app.let_pass(Duration::from_secs(32 * 24 * 3600));
    let response = api_get(&app, short, "/api/v1/assets").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(json(response).await["detail"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn a_token_needs_its_scope_and_each_user_sees_and_revokes_only_their_own() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "dora", "dam_read", "correct horse battery")
        .await;
    let dora = app.signed_in("dora", "correct horse battery").await;
    let catalog_only = secret(&app, &dora, &["catalog:read"]).await;
    let response = api_get(&app, &catalog_only, "/api/v1/assets").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem_code(response).await, "forbidden");
    let reader = secret(&app, &dora, &["assets:read"]).await;
    assert_eq!(api_get(&app, &reader, "/api/v1/assets").await.status(), StatusCode::OK);

    // What is asked for is checked: no scope, an unknown one, no name.
    for (form, says) in [
        (vec![("name", "x"), ("lasts_days", "365")], "at least one scope"),
        (
            vec![("name", "x"), ("lasts_days", "365"), ("scopes[]", "assets:delete")],
            "assets:delete",
        ),
        (
            vec![("name", " "), ("lasts_days", "365"), ("scopes[]", "assets:read")],
            "name",
        ),
        (
            vec![("name", "x"), ("lasts_days", "12"), ("scopes[]", "assets:read")],
            "30, 90, 365 or 730",
        ),
    ] {
        let response = app.post(&dora, "/api/view/create_api_token", &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(crate::helpers::error_text(response).await.contains(says), "{says}");
    }

    // The admin's own token is not Dora's to see or revoke; the admin sees and revokes hers.
    let admins = made_token(&app, &admin, "admin's", &["assets:read"], "never").await;
    let dora_sees = json(app.get(&dora, "/api/view/list_api_tokens").await).await;
    assert_eq!(dora_sees.as_array().map(Vec::len), Some(2), "{dora_sees}");
    let id = admins["token"]["id"].to_string();
    let response = app
        .post(&dora, "/api/view/revoke_api_token", &[("token_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let admin_sees = json(app.get(&admin, "/api/view/list_api_tokens").await).await;
    assert_eq!(admin_sees.as_array().map(Vec::len), Some(3), "{admin_sees}");
    let doras = dora_sees[0]["id"].to_string();
    let response = app
        .post(&admin, "/api/view/revoke_api_token", &[("token_id", &doras)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        api_get(&app, &reader, "/api/v1/assets").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_token_past_its_requests_a_minute_waits_as_told() {
    let app = TestApp::spawn_with(&[("DAMSON_API_RATE_LIMIT", "3")]).await;
    let admin = app.admin().await;
    let first = secret(&app, &admin, &["assets:read"]).await;
    let second = secret(&app, &admin, &["assets:read"]).await;
    for _ in 0..3 {
        assert_eq!(api_get(&app, &first, "/api/v1/assets").await.status(), StatusCode::OK);
    }
    let refused = api_get(&app, &first, "/api/v1/assets").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = refused.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert_eq!(problem_code(refused).await, "rate_limited");
    assert_eq!(
        api_get(&app, &second, "/api/v1/assets").await.status(),
        StatusCode::OK,
        "another token has its own"
    );
}
