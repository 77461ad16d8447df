use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json as value};

use crate::helpers::{ADMIN, TestApp, error_text, fixture, json};

#[tokio::test]
async fn every_kind_of_file_is_known_by_its_content_with_its_size_and_dimensions() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let cases = [
        ("hopper.jpg", "Image", "image/jpeg", Some((128, 128))),
        ("hopper.png", "Image", "image/png", Some((128, 128))),
        ("hopper.gif", "Image", "image/gif", Some((128, 128))),
        ("hopper.webp", "Image", "image/webp", Some((128, 128))),
        ("hopper.tif", "Image", "image/tiff", Some((128, 128))),
        (
            "photo-fallenleaf-2560x1600.jpg",
            "Image",
            "image/jpeg",
            Some((2560, 1600)),
        ),
        ("qoi-specification.pdf", "Document", "application/pdf", None),
        ("service-login.oga", "Audio", "audio/ogg", None),
    ];
    for (index, (fixture_name, file_type, mime, dimensions)) in cases.into_iter().enumerate() {
        // hopper.jpg and hopper.png would share the code "hopper": give each its own.
        let name = &format!("{index}-{fixture_name}");
        let bytes = fixture(fixture_name);
        let response = app.upload(&admin, name, bytes.clone()).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        let asset = json(response).await;
        let code = name.rsplit_once('.').unwrap().0;
        assert_eq!(
            (asset["code"].as_str(), asset["name"].as_str()),
            (Some(code), Some(code)),
            "{name}"
        );
        assert_eq!(asset["availability"], "automatic", "{name}");
        assert_eq!(asset["added_by"], ADMIN, "{name}");
        let current = &asset["current"];
        assert_eq!(current["number"], 1, "{name}");
        assert_eq!(current["file_name"], name.as_str());
        assert_eq!(current["file_type"], file_type.to_lowercase(), "{name}");
        assert_eq!(current["mime"], mime, "{name}");
        assert_eq!(current["size"], bytes.len(), "{name}");
        let expected = dimensions.map_or(
            Value::Null,
            |(width, height)| value!({"width": width, "height": height}),
        );
        assert_eq!(current["dimensions"], expected, "{name}");
    }
}

#[tokio::test]
async fn a_photo_shot_sideways_reports_its_upright_dimensions() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let asset = json(
        app.upload(&admin, "leaf.jpg", fixture("leaf-320x200-orientation-6.jpg"))
            .await,
    )
    .await;
    assert_eq!(asset["current"]["dimensions"], value!({"width": 200, "height": 320}));
}

#[tokio::test]
async fn a_jpg_that_is_really_a_pdf_is_a_document() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let asset = json(
        app.upload(&admin, "brochure.jpg", fixture("qoi-specification.pdf"))
            .await,
    )
    .await;
    assert_eq!(asset["current"]["file_type"], "document");
    // Stored by its stable code, not the label a person reads.
    let db = app.database().await;
    let stored = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "SELECT file_type FROM asset_versions",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.try_get::<String>("", "file_type").unwrap(), "document");
    assert_eq!(asset["current"]["mime"], "application/pdf");
    assert_eq!(asset["current"]["dimensions"], Value::Null);
}

#[tokio::test]
async fn the_same_file_name_again_becomes_the_next_version_of_that_asset() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = json(app.upload(&admin, "shoe.jpg", fixture("hopper.jpg")).await).await;
    let second = json(app.upload(&admin, "shoe.png", fixture("hopper.png")).await).await;
    assert_eq!(first["id"], second["id"], "the code \"shoe\" names one asset");
    assert_eq!(second["current"]["number"], 2);
    assert_eq!(second["current"]["file_name"], "shoe.png");
}

#[tokio::test]
async fn identical_content_is_stored_once() {
    // Without rendition workers, so that the only stored files are the uploads themselves.
    let app = TestApp::spawn_with(&[("DAMSON_RENDITION_WORKERS", "0")]).await;
    let admin = app.admin().await;
    let first = json(app.upload(&admin, "front.jpg", fixture("hopper.jpg")).await).await;
    let files = app.stored_files();
    let second = json(app.upload(&admin, "back.jpg", fixture("hopper.jpg")).await).await;
    assert_ne!(first["id"], second["id"], "two assets");
    assert_eq!(app.stored_keys().len(), 1, "{:?}", app.stored_files());
    assert_eq!(app.stored_files(), files, "nothing of the second upload stays");
}

#[tokio::test]
async fn a_dam_read_user_cannot_upload_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "viewer", "dam_read", "viewer-password").await;
    let viewer = app.signed_in("viewer", "viewer-password").await;
    let refused = app.upload(&viewer, "hopper.jpg", fixture("hopper.jpg")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.stored_files(), Vec::<std::path::PathBuf>::new());
}

#[tokio::test]
async fn a_file_name_with_a_folder_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let refused = app.upload(&admin, "../../etc/passwd", fixture("hopper.jpg")).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(refused).await.contains("not a plain file name"));
}
