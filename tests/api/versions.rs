use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, error_text, fixture, json};

async fn upload(app: &TestApp, client: &Client, name: &str, fixture_name: &str) -> Value {
    let response = app.upload(client, name, fixture(fixture_name)).await;
    assert_eq!(response.status(), StatusCode::OK, "{name}");
    json(response).await
}

async fn add_version(app: &TestApp, client: &Client, id: i64, name: &str, body: Vec<u8>) -> reqwest::Response {
    app.upload_version(client, id, None, name, body).await
}

async fn versions(app: &TestApp, client: &Client, id: i64) -> Vec<Value> {
    let response = app.get(client, &format!("/api/view/list_versions?asset_id={id}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await.as_array().unwrap().clone()
}

fn numbers_and_names(versions: &[Value]) -> Vec<(i64, &str)> {
    versions
        .iter()
        .map(|v| (v["number"].as_i64().unwrap(), v["file_name"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_new_version_of_any_name_becomes_current_and_the_old_ones_stay_listed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = upload(&app, &admin, "boot.jpg", "hopper.jpg").await["id"]
        .as_i64()
        .unwrap();
    let response = add_version(&app, &admin, id, "boot-side-view.png", fixture("hopper.png")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let asset = json(response).await;
    assert_eq!(
        (asset["id"].as_i64(), asset["current"]["number"].as_i64()),
        (Some(id), Some(2))
    );
    assert_eq!(asset["current"]["mime"], "image/png");
    let listed = versions(&app, &admin, id).await;
    assert_eq!(numbers_and_names(&listed), [(2, "boot-side-view.png"), (1, "boot.jpg")]);
    let old = app
        .get(&admin, &format!("/api/view/assets/{id}/versions/1/download"))
        .await;
    assert_eq!(old.status(), StatusCode::OK);
    assert!(
        old.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("boot.jpg")
    );
    assert_eq!(old.bytes().await.unwrap(), fixture("hopper.jpg"));
}

#[tokio::test]
async fn a_version_for_an_unknown_asset_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let response = add_version(&app, &admin, 999, "x.jpg", fixture("hopper.jpg")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // No file is kept; the bytes sent stay the user's upload, to finish elsewhere or remove.
    assert!(app.stored_keys().is_empty(), "{:?}", app.stored_files());
    let uploads = json(app.get(&admin, "/api/manage/uploads").await).await;
    assert_eq!(uploads[0]["file_name"], "x.jpg", "{uploads}");
}

#[tokio::test]
async fn restoring_copies_an_old_version_into_a_new_current_one_sharing_its_file() {
    let app = TestApp::spawn_with(&[("DAMSON_RENDITION_WORKERS", "0")]).await;
    let admin = app.admin().await;
    app.create_user(&admin, "writer", "dam_write", "writer-password-1")
        .await;
    let writer = app.signed_in("writer", "writer-password-1").await;
    let id = upload(&app, &admin, "bag.jpg", "hopper.jpg").await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        add_version(&app, &admin, id, "bag.png", fixture("hopper.png"))
            .await
            .status(),
        StatusCode::OK
    );
    let files_before = app.stored_files().len();

    let restored = app
        .post(
            &writer,
            "/api/manage/restore_version",
            &[("asset_id", &id.to_string()), ("number", "1")],
        )
        .await;
    assert_eq!(restored.status(), StatusCode::OK);
    let asset = json(restored).await;
    assert_eq!(asset["current"]["number"], 3);
    assert_eq!(asset["current"]["file_name"], "bag.jpg");
    assert_eq!(asset["current"]["added_by"], "writer");
    let listed = versions(&app, &admin, id).await;
    assert_eq!(
        numbers_and_names(&listed),
        [(3, "bag.jpg"), (2, "bag.png"), (1, "bag.jpg")]
    );
    assert_eq!(listed[2]["added_by"], "admin", "the historic version stays as it was");
    assert_eq!(app.stored_files().len(), files_before, "the file is shared, not copied");
    let current = app.get(&admin, &format!("/api/view/assets/{id}/download")).await;
    assert_eq!(current.bytes().await.unwrap(), fixture("hopper.jpg"));
}

#[tokio::test]
async fn versions_added_at_the_same_moment_all_survive_with_distinct_numbers() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = upload(&app, &admin, "cap.jpg", "hopper.jpg").await["id"]
        .as_i64()
        .unwrap();
    let adds = (0..6).map(|n| {
        let (app, admin) = (&app, &admin);
        async move {
            let mut body = fixture("hopper.gif");
            body.extend_from_slice(format!("trailer {n}").as_bytes());
            add_version(app, admin, id, &format!("cap-{n}.gif"), body)
                .await
                .status()
        }
    });
    let statuses = futures_util::future::join_all(adds).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK), "{statuses:?}");
    let listed = versions(&app, &admin, id).await;
    let numbers: Vec<i64> = listed.iter().map(|v| v["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [7, 6, 5, 4, 3, 2, 1]);
}

#[tokio::test]
async fn restoring_a_version_that_does_not_exist_is_not_found() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = upload(&app, &admin, "belt.jpg", "hopper.jpg").await["id"]
        .as_i64()
        .unwrap();
    let response = app
        .post(
            &admin,
            "/api/manage/restore_version",
            &[("asset_id", &id.to_string()), ("number", "9")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_text(response).await, "Not found.");
    assert_eq!(versions(&app, &admin, id).await.len(), 1);
}
