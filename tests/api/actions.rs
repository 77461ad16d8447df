use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, error_text, fixture, json};

async fn set_details(app: &TestApp, client: &Client, id: i64, availability: &str) {
    let changes = [
        ("name", "Trail shoe"),
        ("description", "Waterproof."),
        ("labels", "outdoor, new"),
        ("availability", availability),
    ];
    app.save_details(client, id, &changes).await;
}

async fn call(app: &TestApp, client: &Client, function: &str, id: i64) -> reqwest::Response {
    app.post(
        client,
        &format!("/api/manage/{function}"),
        &[("asset_id", &id.to_string())],
    )
    .await
}

async fn latest_ids(app: &TestApp, client: &Client) -> Vec<i64> {
    json(app.get(client, "/api/view/list_assets?filter=").await).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_clone_copies_the_details_and_shares_the_file_and_comes_first_under_latest() {
    let app = TestApp::spawn_with(&[("DAMSON_RENDITION_WORKERS", "0")]).await;
    let admin = app.admin().await;
    app.create_user(&admin, "writer", "dam_write", "writer-password-1")
        .await;
    let writer = app.signed_in("writer", "writer-password-1").await;
    let id = app.upload_id(&admin, "trail.jpg", fixture("hopper.jpg")).await;
    set_details(&app, &admin, id, "internal").await;
    let files = app.stored_files().len();

    let response = call(&app, &writer, "clone_asset", id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let clone: Value = json(response).await;
    assert_ne!(clone["id"].as_i64(), Some(id));
    assert_eq!(clone["name"], "Trail shoe (Cloned)");
    assert_eq!(clone["code"], "trail_clone");
    assert_eq!(clone["description"], "Waterproof.");
    assert_eq!(clone["labels"], serde_json::json!(["new", "outdoor"]));
    assert_eq!(clone["availability"], "internal");
    assert_eq!(clone["added_by"], "writer");
    assert_eq!(clone["current"]["number"], 1);
    assert_eq!(clone["current"]["file_name"], "trail.jpg");
    assert_eq!(app.stored_files().len(), files, "the file is stored once");
    assert_eq!(latest_ids(&app, &admin).await[0], clone["id"].as_i64().unwrap());

    let again: Value = json(call(&app, &writer, "clone_asset", id).await).await;
    assert_eq!(again["code"], "trail_clone_2");
}

#[tokio::test]
async fn internal_and_automatic_assets_can_be_deleted_and_public_ones_cannot() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let automatic = app.upload_id(&admin, "a.jpg", fixture("hopper.jpg")).await;
    let internal = app.upload_id(&admin, "b.png", fixture("hopper.png")).await;
    let public = app.upload_id(&admin, "c.gif", fixture("hopper.gif")).await;
    set_details(&app, &admin, internal, "internal").await;
    set_details(&app, &admin, public, "public").await;

    let refused = call(&app, &admin, "delete_asset", public).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(error_text(refused).await.contains("is Public"));
    for id in [automatic, internal] {
        assert_eq!(call(&app, &admin, "delete_asset", id).await.status(), StatusCode::OK);
        let gone = app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await;
        assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(latest_ids(&app, &admin).await, [public]);
    assert_eq!(
        call(&app, &admin, "delete_asset", automatic).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn deleting_removes_files_no_one_uses_and_keeps_a_clones_file() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let original = app
        .upload_id(&admin, "leaf.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;
    app.card_when_rendered(&admin, original).await;
    let clone = json(call(&app, &admin, "clone_asset", original).await).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.stored_keys().len(), 3, "the photo and its two renditions");
    let files = app.stored_files();

    assert_eq!(
        call(&app, &admin, "delete_asset", original).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.stored_files(),
        files,
        "the clone still uses the file and its renditions"
    );
    let download = app.get(&admin, &format!("/api/view/assets/{clone}/download")).await;
    assert_eq!(
        download.bytes().await.unwrap(),
        fixture("photo-fallenleaf-2560x1600.jpg")
    );
    assert_eq!(
        app.card_when_rendered(&admin, clone).await["thumbnail"]["state"],
        "ready"
    );

    assert_eq!(call(&app, &admin, "delete_asset", clone).await.status(), StatusCode::OK);
    assert!(app.stored_files().is_empty(), "{:?}", app.stored_files());
}

#[tokio::test]
async fn dam_read_gets_403_on_every_manage_action() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "reader", "dam_read", "reader-password-1").await;
    let reader = app.signed_in("reader", "reader-password-1").await;
    let id = app.upload_id(&admin, "cap.jpg", fixture("hopper.jpg")).await;
    for function in ["clone_asset", "delete_asset"] {
        assert_eq!(
            call(&app, &reader, function, id).await.status(),
            StatusCode::FORBIDDEN,
            "{function}"
        );
    }
    let restore = app
        .post(
            &reader,
            "/api/manage/restore_version",
            &[("asset_id", &id.to_string()), ("number", "1")],
        )
        .await;
    assert_eq!(restore.status(), StatusCode::FORBIDDEN);
    let add = app
        .upload_version(&reader, id, None, "cap.png", fixture("hopper.png"))
        .await;
    assert_eq!(add.status(), StatusCode::FORBIDDEN);
    let asset = json(app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await).await;
    assert_eq!(asset["current"]["number"], 1);
    assert_eq!(latest_ids(&app, &admin).await, [id]);
}

#[tokio::test]
async fn an_upload_racing_the_deletion_of_the_same_file_keeps_its_file() {
    let app = TestApp::spawn_with(&[("DAMSON_RENDITION_WORKERS", "0")]).await;
    let admin = app.admin().await;
    let content = fixture("qoi-specification.pdf");
    for round in 0..40 {
        let doomed = app
            .upload_id(&admin, &format!("doomed-{round}.pdf"), content.clone())
            .await;
        let kept_name = format!("kept-{round}.pdf");
        let (deleted, uploaded) = tokio::join!(
            call(&app, &admin, "delete_asset", doomed),
            app.upload(&admin, &kept_name, content.clone()),
        );
        assert_eq!(
            deleted.status(),
            StatusCode::OK,
            "round {round}: {:?}",
            app.logged_trouble()
        );
        assert_eq!(
            uploaded.status(),
            StatusCode::OK,
            "round {round}: {:?}",
            app.logged_trouble()
        );
        let kept = json(uploaded).await["id"].as_i64().unwrap();
        let download = app.get(&admin, &format!("/api/view/assets/{kept}/download")).await;
        assert_eq!(
            download.status(),
            StatusCode::OK,
            "round {round}: the new asset's file is gone"
        );
        assert_eq!(download.bytes().await.unwrap(), content);
        assert_eq!(call(&app, &admin, "delete_asset", kept).await.status(), StatusCode::OK);
    }
    assert!(app.stored_files().is_empty(), "{:?}", app.stored_files());
}
