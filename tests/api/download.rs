use reqwest::{StatusCode, header};

use crate::helpers::{TestApp, fixture, json};

#[tokio::test]
async fn the_current_file_downloads_whole_under_its_original_name() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.upload(&admin, "Größe.jpg", fixture("hopper.jpg")).await;
    let asset = json(app.upload(&admin, "Größe.png", fixture("hopper.png")).await).await;
    let response = app
        .get(&admin, &format!("/api/view/assets/{}/download", asset["id"]))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "image/png",
        "the current version, version 2"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"Gr__e.png\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe.png"
    );
    assert_eq!(
        response.bytes().await.unwrap().as_ref(),
        fixture("hopper.png").as_slice()
    );
}

#[tokio::test]
async fn a_dam_read_user_may_download_and_anonymous_callers_may_not() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let asset = json(app.upload(&admin, "doc.pdf", fixture("qoi-specification.pdf")).await).await;
    let path = format!("/api/view/assets/{}/download", asset["id"]);
    app.create_user(&admin, "reader", "dam_read", "reader-password").await;
    let reader = app.signed_in("reader", "reader-password").await;
    let response = app.get(&reader, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(app.get(&app.client(), &path).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_unknown_asset_is_not_found() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    assert_eq!(
        app.get(&admin, "/api/view/assets/4242/download").await.status(),
        StatusCode::NOT_FOUND
    );
}
