//! `Idempotency-Key`: a POST sent again after a timeout gets its first answer and creates nothing
//! twice; the same key with another request is refused; a day later the key is free.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json as body};
use std::time::Duration;

use crate::api_tokens::{api, api_get, problem_code, secret};
use crate::helpers::{TestApp, json};

async fn send_with_key(app: &TestApp, secret: &str, path: &str, key: &str, bytes: &[u8]) -> reqwest::Response {
    api(app, secret, Method::POST, path)
        .header("Idempotency-Key", key)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(bytes.to_vec())
        .send()
        .await
        .expect("request")
}

async fn versions(app: &TestApp, secret: &str, code: &str) -> usize {
    let asset = json(api_get(app, secret, &format!("/api/v1/assets/by-code/{code}")).await).await;
    let listed = json(api_get(app, secret, &format!("/api/v1/assets/{}/versions", asset["id"])).await).await;
    listed.as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn the_same_post_again_gets_its_first_answer_and_creates_nothing_twice() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let path = "/api/v1/assets?file_name=idem-shoe.txt";

    let first = send_with_key(&app, &secret, path, "retry-1", b"left shoe").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let location = first.headers()[header::LOCATION].clone();
    let first: Value = json(first).await;
    let again = send_with_key(&app, &secret, path, "retry-1", b"left shoe").await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.headers()[header::LOCATION], location);
    assert_eq!(json(again).await, first);
    assert_eq!(versions(&app, &secret, "idem-shoe").await, 1, "no second version");

    // The same key with another body (even of the same length) is another request: refused.
    let other = send_with_key(&app, &secret, path, "retry-1", b"left shoX").await;
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_code(other).await, "validation");
    // Keys are the token's own: another token's same key is a new request.
    let someone = crate::api_tokens::secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let theirs = send_with_key(&app, &someone, path, "retry-1", b"left shoe").await;
    assert_eq!(theirs.status(), StatusCode::OK, "a new version");
    assert_eq!(versions(&app, &secret, "idem-shoe").await, 2);

    // A day later the key is free again.
    app.let_pass(Duration::from_secs(25 * 3600));
    let later = send_with_key(&app, &secret, path, "retry-1", b"left shoe").await;
    assert_eq!(later.status(), StatusCode::OK);
    assert!(later.headers().get("idempotent-replayed").is_none());
    assert_eq!(versions(&app, &secret, "idem-shoe").await, 3);
}

#[tokio::test]
async fn a_refused_post_keeps_no_answer_and_two_at_once_make_one_asset() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;

    // Refused: nothing was done, so the same request runs again (and is refused again).
    for _ in 0..2 {
        let empty = send_with_key(&app, &secret, "/api/v1/assets?file_name=idem-empty.txt", "empty-1", b"").await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.headers().get("idempotent-replayed").is_none());
    }

    let path = "/api/v1/assets?file_name=idem-twice.txt";
    let (one, two) = tokio::join!(
        send_with_key(&app, &secret, path, "twice-1", b"twice"),
        send_with_key(&app, &secret, path, "twice-1", b"twice"),
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort_unstable();
    assert!(matches!(statuses, [201, 201] | [201, 409]), "{statuses:?}");
    assert_eq!(versions(&app, &secret, "idem-twice").await, 1);

    // JSON bodies too: the same upload, not a second one.
    let start = |key: &'static str| {
        api(&app, &secret, Method::POST, "/api/v1/uploads")
            .header("Idempotency-Key", key)
            .json(&body!({"file_name": "idem-big.bin", "size": 10}))
            .send()
    };
    let first = json(start("upload-1").await.unwrap()).await;
    let again = json(start("upload-1").await.unwrap()).await;
    assert_eq!(first["id"], again["id"]);
    let waiting = json(app.get(&admin, "/api/manage/uploads").await).await;
    assert_eq!(waiting.as_array().unwrap().len(), 1, "{waiting}");
}
