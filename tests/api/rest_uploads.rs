//! Files through the integration API: sent whole or in resumable chunks, placed by their names as
//! a mass upload places them, imported by the batch with a report, versions added and restored.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json as body};

use crate::api_tokens::{api, api_get, problem_code, secret};
use crate::helpers::{TestApp, eventually, fixture, json};

const CHUNK: usize = 8 * 1024 * 1024;

async fn send_whole(app: &TestApp, secret: &str, path: &str, bytes: Vec<u8>) -> reqwest::Response {
    api(app, secret, Method::POST, path)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .expect("request")
}

async fn file_of(app: &TestApp, secret: &str, id: i64, number: u64) -> Vec<u8> {
    let response = api_get(app, secret, &format!("/api/v1/assets/{id}/versions/{number}/file")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn a_file_sent_whole_becomes_an_asset_then_a_version_and_a_misplaced_locale_leaves_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let photo = fixture("hopper.jpg");
    let added = app.post(&admin, "/api/settings/add_locale", &[("code", "fr_FR")]).await;
    assert_eq!(added.status(), StatusCode::OK);

    let created = send_whole(
        &app,
        &secret,
        "/api/v1/assets?file_name=rest-up-hopper.jpg",
        photo.clone(),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = created.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let asset = json(created).await;
    let id = asset["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/assets/{id}"));
    assert_eq!(asset["code"], "rest-up-hopper");
    assert_eq!(asset["current_version"]["mime"], "image/jpeg", "{asset}");
    assert_eq!(asset["current_version"]["number"], 1);

    // The same code again is a new version of that asset, as in a mass upload.
    let again = send_whole(
        &app,
        &secret,
        "/api/v1/assets?file_name=rest-up-hopper.png",
        fixture("hopper.png"),
    )
    .await;
    assert_eq!(again.status(), StatusCode::OK);
    let again = json(again).await;
    assert_eq!(
        (again["id"].as_i64(), again["current_version"]["number"].as_u64()),
        (Some(id), Some(2))
    );
    assert_eq!(file_of(&app, &secret, id, 1).await, photo);

    // A locale suffix on an asset that is not localizable is refused, and nothing of it stays.
    let refused = send_whole(
        &app,
        &secret,
        "/api/v1/assets?file_name=rest-up-hopper_fr_FR.jpg",
        photo.clone(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_code(refused).await, "validation");
    let versions = json(api_get(&app, &secret, &format!("/api/v1/assets/{id}/versions")).await).await;
    assert_eq!(versions.as_array().unwrap().len(), 2, "{versions}");
    let waiting = json(app.get(&admin, "/api/manage/uploads").await).await;
    assert_eq!(waiting, body!([]), "no upload is left behind");

    // Once it is localizable, the same name is the file for fr_FR.
    app.save_details(&admin, id, &[("localizable", "on")]).await;
    let french = send_whole(
        &app,
        &secret,
        "/api/v1/assets?file_name=rest-up-hopper_fr_FR.jpg",
        photo.clone(),
    )
    .await;
    assert_eq!(french.status(), StatusCode::OK);
    assert_eq!(json(french).await["locale_files"], body!(["fr_FR"]));

    // A token that may only read uploads nothing.
    let reader = crate::api_tokens::secret(&app, &admin, &["assets:read"]).await;
    let forbidden = send_whole(&app, &reader, "/api/v1/assets?file_name=rest-up-other.jpg", photo).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let listed = json(api_get(&app, &secret, "/api/v1/assets?q=rest-up-other").await).await;
    assert_eq!(listed["items"], body!([]));
}

#[tokio::test]
async fn a_large_file_goes_in_chunks_resumes_from_the_servers_offset_and_becomes_an_asset() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let bytes: Vec<u8> = (0..CHUNK + 1000).map(|i| (i % 251) as u8).collect();

    let created = api(&app, &secret, Method::POST, "/api/v1/uploads")
        .json(&body!({"file_name": "rest-chunked.bin", "size": bytes.len()}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let upload = json(created).await;
    let upload_path = format!("/api/v1/uploads/{}", upload["id"].as_str().unwrap());
    assert_eq!(upload["received"], 0);

    let put = |offset: usize, part: Vec<u8>| {
        api(&app, &secret, Method::PUT, &format!("{upload_path}?offset={offset}"))
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(part)
            .send()
    };
    assert_eq!(put(0, bytes[..CHUNK].to_vec()).await.unwrap().status(), StatusCode::OK);
    // After a "broken connection" the script asks where to go on from.
    let state = json(api_get(&app, &secret, &upload_path).await).await;
    assert_eq!(state["received"], CHUNK);
    // A chunk at the wrong offset is refused before its body is read: a short one, so that the
    // answer cannot come while the client is still writing (a broken pipe, not an answer).
    let wrong = put(0, bytes[..10].to_vec()).await.unwrap();
    assert_eq!(wrong.status(), StatusCode::CONFLICT);
    assert_eq!(problem_code(wrong).await, "conflict");
    let last = json(put(CHUNK, bytes[CHUNK..].to_vec()).await.unwrap()).await;
    assert_eq!(last["received"], bytes.len());

    let finished = api(&app, &secret, Method::POST, &format!("{upload_path}/finish"))
        .send()
        .await
        .unwrap();
    assert_eq!(finished.status(), StatusCode::CREATED);
    let asset = json(finished).await;
    assert_eq!(asset["code"], "rest-chunked");
    assert_eq!(file_of(&app, &secret, asset["id"].as_i64().unwrap(), 1).await, bytes);
    assert_eq!(
        api_get(&app, &secret, &upload_path).await.status(),
        StatusCode::NOT_FOUND
    );

    // Sent whole, a file past one chunk is cut into chunks as it streams in, and kept the same.
    let whole = send_whole(&app, &secret, "/api/v1/assets?file_name=rest-whole.bin", bytes.clone()).await;
    assert_eq!(whole.status(), StatusCode::CREATED);
    assert_eq!(
        file_of(&app, &secret, json(whole).await["id"].as_i64().unwrap(), 1).await,
        bytes
    );
}

async fn uploaded(app: &TestApp, secret: &str, file_name: &str, bytes: &[u8]) -> String {
    let upload = json(
        api(app, secret, Method::POST, "/api/v1/uploads")
            .json(&body!({"file_name": file_name, "size": bytes.len()}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = upload["id"].as_str().unwrap().to_owned();
    let sent = api(app, secret, Method::PUT, &format!("/api/v1/uploads/{id}?offset=0"))
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::OK);
    id
}

#[tokio::test]
async fn an_import_of_a_shoot_places_each_file_by_its_name_and_reports_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let existing = app.upload_id(&admin, "rest-shoot-a.txt", b"first".to_vec()).await;
    let to_a = uploaded(&app, &secret, "rest-shoot-a.txt", b"second").await;
    let to_b = uploaded(&app, &secret, "rest-shoot-b.txt", b"new one").await;

    let started = api(&app, &secret, Method::POST, "/api/v1/imports")
        .json(&body!({"uploads": [to_a, to_b]}))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), StatusCode::ACCEPTED);
    let import = json(started).await;
    let path = format!("/api/v1/imports/{}", import["id"]);
    let report: Value = eventually("the import finishes", || async {
        let report = json(api_get(&app, &secret, &path).await).await;
        (report["finished"] == true).then_some(report)
    })
    .await;
    let outcomes: Vec<(&str, &str)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            (
                file["file_name"].as_str().unwrap(),
                file["imported"]["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [("rest-shoot-a.txt", "new_version"), ("rest-shoot-b.txt", "new_asset")]
    );
    assert_eq!(report["files"][0]["imported"]["asset_id"], existing);
    assert_eq!(file_of(&app, &secret, existing, 2).await, b"second");
}

#[tokio::test]
async fn a_version_added_whole_then_an_old_one_restored_as_a_copy() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let id = app.upload_id(&admin, "rest-restore.txt", b"one".to_vec()).await;

    let added = send_whole(
        &app,
        &secret,
        &format!("/api/v1/assets/{id}/versions?file_name=anything.txt"),
        b"two".to_vec(),
    )
    .await;
    assert_eq!(added.status(), StatusCode::OK);
    let asset = json(added).await;
    assert_eq!(asset["current_version"]["number"], 2);
    assert_eq!(asset["current_version"]["file_name"], "anything.txt");

    let restored = api(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/assets/{id}/versions/1/restore"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(restored.status(), StatusCode::OK);
    assert_eq!(json(restored).await["current_version"]["number"], 3);
    assert_eq!(file_of(&app, &secret, id, 3).await, b"one");
    assert_eq!(file_of(&app, &secret, id, 2).await, b"two");

    let missing = api(
        &app,
        &secret,
        Method::POST,
        &format!("/api/v1/assets/{id}/versions/9/restore"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let not_localizable = send_whole(
        &app,
        &secret,
        &format!("/api/v1/assets/{id}/versions?file_name=x.txt&locale=fr_FR"),
        b"three".to_vec(),
    )
    .await;
    assert_eq!(not_localizable.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// Ids no database can store (a NUL, a lone surrogate's replacement) name no upload: 404 and 422,
/// never a database error (schemathesis found the 500 on PostgreSQL).
#[tokio::test]
async fn an_upload_id_damson_never_gives_names_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:write"]).await;
    let import = api(&app, &secret, Method::POST, "/api/v1/imports")
        .json(&body!({ "uploads": ["\u{0}bad", "6", ""] }))
        .send()
        .await
        .unwrap();
    assert_eq!(import.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_code(import).await, "validation");
    let upload = api_get(&app, &secret, "/api/v1/uploads/%00bad").await;
    assert_eq!(upload.status(), StatusCode::NOT_FOUND);
}
