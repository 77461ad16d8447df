//! A batch change by code with a status per item; an asset's renditions and its links, through
//! the integration API.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json as body};

use crate::api_tokens::{api, api_get, problem_code, secret};
use crate::helpers::{TestApp, eventually, fixture, json};

#[tokio::test]
async fn a_batch_changes_each_asset_on_its_own_and_answers_each_with_its_status() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let red = app.upload_id(&admin, "rb-red.txt", b"red".to_vec()).await;
    let blue = app.upload_id(&admin, "rb-blue.txt", b"blue".to_vec()).await;

    let answer = api(&app, &secret, Method::PATCH, "/api/v1/assets")
        .json(&body!([
            {"code": "rb-red", "name": "Red shoe", "labels": ["summer"]},
            {"code": "rb-nope", "name": "Nothing"},
            {"code": "rb-blue", "availability": "sometimes"},
            {"name": "No code"},
            {"code": "rb-blue", "colour": "blue"},
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let results = json(answer).await;
    let statuses: Vec<(&str, u64)> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|item| (item["code"].as_str().unwrap(), item["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("rb-red", 200),
            ("rb-nope", 404),
            ("rb-blue", 422),
            ("", 422),
            ("rb-blue", 422)
        ]
    );
    assert_eq!(results[0]["asset"]["name"], "Red shoe");
    assert_eq!(results[1]["problem"]["code"], "not_found");
    assert!(
        results[2]["problem"]["detail"].as_str().unwrap().contains("sometimes"),
        "{results}"
    );

    let read = |id: i64| {
        let (app, secret) = (&app, &secret);
        async move { json(api_get(app, secret, &format!("/api/v1/assets/{id}")).await).await }
    };
    let red_now = read(red).await;
    assert_eq!(
        (red_now["name"].clone(), red_now["labels"].clone()),
        (body!("Red shoe"), body!(["summer"]))
    );
    assert_eq!(
        read(blue).await["availability"],
        "automatic",
        "a refused item changes nothing"
    );

    let too_many: Vec<Value> = (0..101).map(|i| body!({"code": format!("rb-{i}")})).collect();
    let refused = api(&app, &secret, Method::PATCH, "/api/v1/assets")
        .json(&too_many)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_code(refused).await, "validation");
}

#[tokio::test]
async fn renditions_follow_the_current_file_and_links_exist_only_while_published() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:read"]).await;
    let id = app
        .upload_id(&admin, "rb-photo.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;

    let thumbnail = eventually("the thumbnail is made", || async {
        let response = api_get(&app, &secret, &format!("/api/v1/assets/{id}/renditions/thumbnail")).await;
        (response.status() == StatusCode::OK).then_some(response)
    })
    .await;
    assert_eq!(thumbnail.headers()[header::CONTENT_TYPE], "image/jpeg");
    let picture = image::load_from_memory(&thumbnail.bytes().await.unwrap()).expect("a JPEG");
    assert_eq!((picture.width(), picture.height()), (320, 200));
    let unknown = api_get(&app, &secret, &format!("/api/v1/assets/{id}/renditions/poster")).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    let links = format!("/api/v1/assets/{id}/links");
    let unpublished = api_get(&app, &secret, &links).await;
    assert_eq!(unpublished.status(), StatusCode::CONFLICT);
    app.set_availability(&admin, id, "public").await;
    let links = json(api_get(&app, &secret, &links).await).await;
    for kind in ["public", "static"] {
        let link = links[kind].as_str().unwrap_or_else(|| panic!("{links}"));
        let opened = reqwest::get(link).await.unwrap();
        assert_eq!(opened.status(), StatusCode::OK, "{kind} link {link}");
        assert_eq!(opened.bytes().await.unwrap(), fixture("photo-fallenleaf-2560x1600.jpg"));
    }
}
