//! The resumable upload protocol: chunks at their offsets, a break survived without losing what
//! the server had, a wrong offset refused without damage, the finished file an asset like any
//! other upload; other people's uploads out of reach; idle uploads gone after a day.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, error_text, eventually, fixture, json as body_json};

pub(crate) const CHUNK: usize = 8 * 1024 * 1024;

/// A real photo, padded past one chunk (JPEG readers ignore what follows the image).
fn two_chunk_photo() -> Vec<u8> {
    let mut bytes = fixture("photo-fallenleaf-2560x1600.jpg");
    bytes.resize(CHUNK + 300_000, 0x5a);
    bytes
}

async fn create(app: &TestApp, client: &Client, file_name: &str, size: usize) -> reqwest::Response {
    client
        .post(app.url("/api/manage/uploads"))
        .json(&json!({ "file_name": file_name, "size": size }))
        .send()
        .await
        .expect("create request")
}

pub(crate) async fn created(app: &TestApp, client: &Client, file_name: &str, size: usize) -> String {
    let response = create(app, client, file_name, size).await;
    assert_eq!(response.status(), StatusCode::CREATED, "create {file_name}");
    let upload = body_json(response).await;
    assert_eq!(upload["received"], 0);
    upload["id"].as_str().expect("upload id").to_owned()
}

pub(crate) async fn send(
    app: &TestApp,
    client: &Client,
    id: &str,
    offset: usize,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/manage/uploads/{id}")))
        .query(&[("offset", offset)])
        .body(body)
        .send()
        .await
        .expect("chunk request")
}

/// Sends the chunk, trying again while the server still lets go of a try that broke off.
async fn send_when_free(app: &TestApp, client: &Client, id: &str, offset: usize, chunk: &[u8]) -> Value {
    eventually("the server lets go of the try that broke off", || async {
        let response = send(app, client, id, offset, chunk.to_vec()).await;
        match response.status() {
            StatusCode::OK => Some(body_json(response).await),
            StatusCode::CONFLICT => {
                let text = error_text(response).await;
                assert!(text.contains("on its way"), "{text}");
                None
            }
            status => panic!("chunk at {offset}: {status} {}", error_text(response).await),
        }
    })
    .await
}

pub(crate) async fn show(app: &TestApp, client: &Client, id: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("/api/manage/uploads/{id}")))
        .send()
        .await
        .expect("show request")
}

async fn listed(app: &TestApp, client: &Client) -> Vec<Value> {
    let response = client.get(app.url("/api/manage/uploads")).send().await.expect("list");
    assert_eq!(response.status(), StatusCode::OK);
    body_json(response).await.as_array().expect("a list").clone()
}

#[tokio::test]
async fn a_file_resumes_from_the_last_byte_the_server_kept_and_arrives_whole() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let photo = two_chunk_photo();
    let id = created(&app, &admin, "resumed_shoe.jpg", photo.len()).await;

    let first = send_when_free(&app, &admin, &id, 0, &photo[..CHUNK]).await;
    assert_eq!(first["received"], CHUNK);

    // The second chunk breaks off a third of the way: the connection drops.
    let torn = futures_util::stream::iter([
        Ok(bytes::Bytes::copy_from_slice(&photo[CHUNK..CHUNK + 100_000])),
        Err(std::io::Error::other("the connection dropped")),
    ]);
    let broken = admin
        .put(app.url(&format!("/api/manage/uploads/{id}")))
        .query(&[("offset", CHUNK)])
        .header(reqwest::header::CONTENT_LENGTH, photo.len() - CHUNK)
        .body(reqwest::Body::wrap_stream(torn))
        .send()
        .await;
    assert!(broken.is_err() || !broken.unwrap().status().is_success());
    let after_break = body_json(show(&app, &admin, &id).await).await;
    assert_eq!(
        after_break["received"], CHUNK,
        "the server still has the first chunk only"
    );

    // A chunk at another offset than the server's is refused, and says where to go on from. (A
    // few bytes: the server answers before it reads a body, and a client still sending 8 MB then
    // may see the connection close before it reads the answer.)
    let behind = send(&app, &admin, &id, 0, photo[..10].to_vec()).await;
    assert_eq!(behind.status(), StatusCode::CONFLICT);
    assert!(error_text(behind).await.contains("send from byte 8388608"));
    let short = send(&app, &admin, &id, CHUNK, b"ten bytes!".to_vec()).await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body_json(show(&app, &admin, &id).await).await["received"], CHUNK);

    let last = send_when_free(&app, &admin, &id, CHUNK, &photo[CHUNK..]).await;
    assert_eq!(last["received"], photo.len());
    let whole = send(&app, &admin, &id, photo.len(), b"more".to_vec()).await;
    assert_eq!(whole.status(), StatusCode::CONFLICT, "a complete upload takes no more");

    let finished = admin
        .post(app.url(&format!("/api/manage/uploads/{id}/finish")))
        .send()
        .await
        .unwrap();
    assert_eq!(finished.status(), StatusCode::OK, "{:?}", app.logged_trouble());
    let asset = body_json(finished).await;
    assert_eq!(asset["code"], "resumed_shoe");
    assert!(listed(&app, &admin).await.is_empty(), "a finished upload is gone");
    let downloaded = admin
        .get(app.url(&format!("/api/view/assets/{}/download", asset["id"])))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        Sha256::digest(&downloaded),
        Sha256::digest(&photo),
        "every byte, in order"
    );
    assert_eq!(
        app.card_when_rendered(&admin, asset["id"].as_i64().unwrap()).await["file_type"],
        "image"
    );
}

#[tokio::test]
async fn a_new_version_comes_through_an_upload_to_the_asset_named() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let asset = app.upload_id(&admin, "boot.jpg", fixture("hopper.jpg")).await;
    let photo = fixture("photo-fallenleaf-2560x1600.jpg");
    let id = created(&app, &admin, "boot-side-view.jpg", photo.len()).await;
    send_when_free(&app, &admin, &id, 0, &photo).await;
    let finished = admin
        .post(app.url(&format!("/api/manage/uploads/{id}/finish")))
        .query(&[("asset_id", asset)])
        .send()
        .await
        .unwrap();
    assert_eq!(finished.status(), StatusCode::OK);
    let versions = app
        .get(&admin, &format!("/api/view/list_versions?asset_id={asset}"))
        .await;
    let versions = body_json(versions).await;
    assert_eq!(versions.as_array().map(Vec::len), Some(2), "{versions}");
}

#[tokio::test]
async fn too_large_is_refused_at_once_and_others_uploads_are_out_of_reach() {
    let app = TestApp::spawn_with(&[("DAMSON_MAX_UPLOAD_MB", "1")]).await;
    let admin = app.admin().await;
    let refused = create(&app, &admin, "poster.tif", 3 * 1024 * 1024).await;
    assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let text = error_text(refused).await;
    assert!(
        text.contains("poster.tif") && text.contains("3.0 MB") && text.contains("limit is 1 MB"),
        "{text}"
    );
    assert!(listed(&app, &admin).await.is_empty());

    let id = created(&app, &admin, "mine.jpg", 6412).await;
    app.create_user(&admin, "writer", "dam_write", "writer-password").await;
    app.create_user(&admin, "reader", "dam_read", "reader-password").await;
    let writer = app.signed_in("writer", "writer-password").await;
    assert_eq!(show(&app, &writer, &id).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        send(&app, &writer, &id, 0, fixture("hopper.jpg")).await.status(),
        StatusCode::NOT_FOUND
    );
    let delete = writer
        .delete(app.url(&format!("/api/manage/uploads/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), StatusCode::NOT_FOUND);
    assert!(listed(&app, &writer).await.is_empty());

    let reader = app.signed_in("reader", "reader-password").await;
    assert_eq!(create(&app, &reader, "a.jpg", 10).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        reader
            .get(app.url("/api/manage/uploads"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        show(&app, &admin, &id).await.status(),
        StatusCode::OK,
        "the owner's upload is intact"
    );
}

#[tokio::test]
async fn an_upload_nobody_sent_a_chunk_to_for_a_day_is_removed_bytes_and_all() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let photo = two_chunk_photo();
    let idle = created(&app, &admin, "forgotten.jpg", photo.len()).await;
    send_when_free(&app, &admin, &idle, 0, &photo[..CHUNK]).await;
    let recent = created(&app, &admin, "recent.jpg", photo.len()).await;
    send_when_free(&app, &admin, &recent, 0, &photo[..CHUNK]).await;
    let before = app.stored_files();

    let db = app.database().await;
    let two_days_ago = unix_millis() - 2 * 24 * 3600 * 1000;
    let age = format!("UPDATE uploads SET updated_at = {two_days_ago} WHERE id = '{idle}'");
    sea_orm::ConnectionTrait::execute_unprepared(&db, &age).await.unwrap();

    // The server looks for idle uploads when it starts, then every hour.
    let app = app.crash_and_restart(&[]).await;
    let admin = app.admin().await;
    eventually("the idle upload is removed", || async {
        (show(&app, &admin, &idle).await.status() == StatusCode::NOT_FOUND).then_some(())
    })
    .await;
    let ids: Vec<Value> = listed(&app, &admin)
        .await
        .into_iter()
        .map(|u| u["id"].clone())
        .collect();
    assert_eq!(ids, [Value::from(recent.clone())]);
    assert_eq!(body_json(show(&app, &admin, &recent).await).await["received"], CHUNK);
    if !app.on_s3() {
        let gone: Vec<_> = before.iter().filter(|path| !path.exists()).collect();
        assert_eq!(gone.len(), 1, "the idle upload's file went, the other stayed: {gone:?}");
    }
}

fn unix_millis() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    i64::try_from(since.as_millis()).unwrap()
}
