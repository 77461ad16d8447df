use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::collections::HashSet;

use crate::helpers::{TestApp, error_text, fixture, json};

async fn page(app: &TestApp, client: &Client, sort: &str, after: Option<&str>) -> Value {
    let mut url = format!("/api/view/list_assets?filter=sort%3D{sort}");
    if let Some(after) = after {
        url.push_str(&format!(
            "&after={}",
            form_urlencoded::byte_serialize(after.as_bytes()).collect::<String>()
        ));
    }
    let response = app.get(client, &url).await;
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    json(response).await
}

fn ids(page: &Value) -> Vec<i64> {
    page["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["id"].as_i64().unwrap())
        .collect()
}

/// Walks every page, adding an asset before each next page is read.
async fn walk_while_adding(app: &TestApp, client: &Client, sort: &str) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut added = 0;
    loop {
        let page = page(app, client, sort, after.as_deref()).await;
        seen.extend(ids(&page));
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_owned()),
            None => return seen,
        }
        added += 1;
        app.upload_id(client, &format!("{sort}-added-{added}.png"), fixture("hopper.png"))
            .await;
    }
}

#[tokio::test]
async fn paging_returns_every_asset_exactly_once_while_assets_are_added() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut existing = HashSet::new();
    for n in 0..110 {
        // Mixed case, so that Name order must ignore it.
        let name = if n % 2 == 0 {
            format!("Item-{n:03}.png")
        } else {
            format!("item-{n:03}.png")
        };
        existing.insert(app.upload_id(&admin, &name, fixture("hopper.png")).await);
    }
    for sort in ["latest", "oldest", "name", "size"] {
        let seen = walk_while_adding(&app, &admin, sort).await;
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(unique.len(), seen.len(), "{sort}: an asset came twice");
        assert!(existing.is_subset(&unique), "{sort}: an asset was skipped");
    }
    let latest = ids(&page(&app, &admin, "latest", None).await);
    let mut newest_first = latest.clone();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(latest, newest_first);
    let names: Vec<String> = page(&app, &admin, "name", None).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|pair| pair[0] <= pair[1]), "{names:?}");
}

#[tokio::test]
async fn names_sort_the_same_on_every_database_by_code_point_ignoring_case() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for name in [
        "zebra", "Apple", "_draft", "äpfel", "apple2", "Banana", "10-pack", "2-pack",
    ] {
        app.upload_id(&admin, &format!("{name}.txt"), format!("{name} content").into_bytes())
            .await;
    }
    let names: Vec<String> = page(&app, &admin, "name", None).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "10-pack", "2-pack", "_draft", "Apple", "apple2", "Banana", "zebra", "äpfel"
        ]
    );
}

#[tokio::test]
async fn size_order_puts_the_largest_file_first() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (name, fixture_name) in [
        ("small.gif", "decompression_bomb.gif"),
        ("large.jpg", "photo-fallenleaf-2560x1600.jpg"),
        ("mid.pdf", "qoi-specification.pdf"),
    ] {
        assert_eq!(
            app.upload(&admin, name, fixture(fixture_name)).await.status(),
            StatusCode::OK
        );
    }
    let names: Vec<String> = page(&app, &admin, "size", None).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["large", "mid", "small"]);
}

async fn update(
    app: &TestApp,
    client: &Client,
    id: i64,
    revision: i64,
    name: &str,
    labels: &str,
    availability: &str,
) -> reqwest::Response {
    app.post(
        client,
        "/api/manage/update_asset",
        &[
            ("asset_id", &id.to_string()),
            ("revision", &revision.to_string()),
            ("name", name),
            ("description", "Red running shoe, side view."),
            ("labels", labels),
            ("availability", availability),
        ],
    )
    .await
}

async fn asset(app: &TestApp, client: &Client, id: i64) -> Value {
    json(app.get(client, &format!("/api/view/get_asset?asset_id={id}")).await).await
}

#[tokio::test]
async fn a_manager_edits_name_description_labels_and_availability() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "shoe.png", fixture("hopper.png")).await;
    let before = asset(&app, &admin, id).await;
    let response = update(
        &app,
        &admin,
        id,
        before["revision"].as_i64().unwrap(),
        "Red shoe",
        "summer, Sale, sale",
        "public",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let after = asset(&app, &admin, id).await;
    assert_eq!(after["name"], "Red shoe");
    assert_eq!(after["description"], "Red running shoe, side view.");
    assert_eq!(after["labels"], serde_json::json!(["Sale", "summer"]));
    assert_eq!(after["availability"], "public");
    assert_eq!(after["revision"], before["revision"].as_i64().unwrap() + 1);
    assert_eq!(after["current"], before["current"], "editing creates no new file");
}

#[tokio::test]
async fn the_second_of_two_saves_from_the_same_revision_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "writer", "dam_write", "writer-password-1")
        .await;
    let other = app.signed_in("writer", "writer-password-1").await;
    let id = app.upload_id(&admin, "bag.png", fixture("hopper.png")).await;
    let revision = asset(&app, &admin, id).await["revision"].as_i64().unwrap();
    let first = update(&app, &admin, id, revision, "Bag (admin)", "leather", "internal").await;
    assert_eq!(first.status(), StatusCode::OK);
    let second = update(&app, &other, id, revision, "Bag (writer)", "canvas", "public").await;
    assert_eq!(second.status(), StatusCode::PRECONDITION_FAILED);
    assert!(error_text(second).await.contains("changed by someone else"));
    let kept = asset(&app, &admin, id).await;
    assert_eq!(
        (kept["name"].as_str(), kept["availability"].as_str()),
        (Some("Bag (admin)"), Some("internal"))
    );
    assert_eq!(kept["labels"], serde_json::json!(["leather"]));
}

#[tokio::test]
async fn invalid_changes_are_named_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "cap.png", fixture("hopper.png")).await;
    let revision = asset(&app, &admin, id).await["revision"].as_i64().unwrap();
    for (name, labels, availability, expected) in [
        ("", "", "public", "Asset name"),
        (&"n".repeat(256) as &str, "", "public", "256"),
        ("Cap", "ok, <b>bold</b>", "public", "\"<b>bold</b>\""),
        ("Cap", "", "published", "\"published\""),
    ] {
        let response = update(&app, &admin, id, revision, name, labels, availability).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
        let message = error_text(response).await;
        assert!(message.contains(expected), "{message}");
    }
    let unchanged = asset(&app, &admin, id).await;
    assert_eq!(
        (unchanged["name"].as_str(), unchanged["revision"].as_i64()),
        (Some("cap"), Some(revision))
    );
}

#[tokio::test]
async fn dam_read_sees_assets_but_cannot_upload_or_edit() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "reader", "dam_read", "reader-password-1").await;
    let reader = app.signed_in("reader", "reader-password-1").await;
    let id = app.upload_id(&admin, "belt.png", fixture("hopper.png")).await;
    assert_eq!(ids(&page(&app, &reader, "latest", None).await), [id]);
    let revision = asset(&app, &reader, id).await["revision"].as_i64().unwrap();
    let edit = update(&app, &reader, id, revision, "Mine now", "", "public").await;
    assert_eq!(edit.status(), StatusCode::FORBIDDEN);
    let upload = app.upload(&reader, "belt.png", fixture("hopper.jpg")).await;
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);
    let unchanged = asset(&app, &admin, id).await;
    assert_eq!(
        (unchanged["name"].as_str(), unchanged["current"]["number"].as_i64()),
        (Some("belt"), Some(1))
    );
}

#[tokio::test]
async fn a_damaged_page_link_is_refused_with_a_message() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let response = app
        .get(&admin, "/api/view/list_assets?filter=sort%3Dsize&after=12~lots")
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(response).await.contains("damaged"));
}

#[tokio::test]
async fn the_page_is_complete_without_javascript_from_empty_grid_to_deep_link() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let empty = app.get(&admin, "/assets").await.text().await.unwrap();
    assert!(
        empty.contains("No assets yet") && empty.contains("choose Upload"),
        "{empty}"
    );

    let id = app.upload_id(&admin, "Sneaker-Blue.png", fixture("hopper.png")).await;
    let revision = asset(&app, &admin, id).await["revision"].as_i64().unwrap();
    let saved = update(&app, &admin, id, revision, "Blue sneaker", "hero, spring", "internal").await;
    assert_eq!(saved.status(), StatusCode::OK);
    let html = app
        .get(&admin, &format!("/assets/{id}?tab=details"))
        .await
        .text()
        .await
        .unwrap();
    for expected in [
        "Blue sneaker",
        "value=\"hero, spring\"",
        "Sneaker-Blue.png",
        "128 × 128 px",
        "Added by",
        "aria-current=\"page\"",
    ] {
        assert!(
            html.contains(expected),
            "{expected} missing from the server-rendered panel"
        );
    }
}
