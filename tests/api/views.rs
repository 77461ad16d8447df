//! Views of the Assets page: private and shared, who may change and delete them, and the default
//! that `/assets` opens.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, json};

async fn save(app: &TestApp, client: &Client, form: &[(&str, &str)]) -> reqwest::Response {
    app.post(client, "/api/view/save_asset_view", form).await
}

async fn saved_id(app: &TestApp, client: &Client, form: &[(&str, &str)]) -> i64 {
    let response = save(app, client, form).await;
    assert_eq!(response.status(), StatusCode::OK, "{form:?}");
    json(response).await["id"].as_i64().unwrap()
}

/// A page as a browser asks for it.
async fn page(app: &TestApp, client: &Client, path: &str) -> reqwest::Response {
    client
        .get(app.url(path))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap()
}

async fn views(app: &TestApp, client: &Client) -> Value {
    json(app.get(client, "/api/view/asset_views").await).await
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn private_views_stay_private_and_shared_ones_are_seen_by_everyone() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "reader", "dam_read", "password-for-test").await;
    app.create_user(&admin, "writer", "dam_write", "password-for-test")
        .await;
    let reader = app.signed_in("reader", "password-for-test").await;
    let writer = app.signed_in("writer", "password-for-test").await;

    let mine = saved_id(
        &app,
        &reader,
        &[("name", "Heroes"), ("query", "q=hero&type=image&after=5")],
    )
    .await;
    let team = saved_id(
        &app,
        &reader,
        &[
            ("name", "Team photos"),
            ("query", "type=image&sort=name"),
            ("shared", "on"),
        ],
    )
    .await;
    let own = views(&app, &reader).await;
    assert_eq!(names(&own["mine"]), ["Heroes", "Team photos"]);
    assert_eq!(own["mine"][0]["query"], "q=hero&type=image", "only what a filter keeps");

    let seen = views(&app, &writer).await;
    assert!(names(&seen["mine"]).is_empty());
    assert_eq!(
        names(&seen["shared"]),
        ["Team photos"],
        "a private view is not shown to others"
    );
    assert_eq!(seen["shared"][0]["owner_name"], "reader");

    let taken = save(&app, &reader, &[("name", "Heroes"), ("query", "")]).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let bad = save(&app, &reader, &[("name", "Odd"), ("query", "type=hologram")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let team_id = team.to_string();
    let changed = save(
        &app,
        &writer,
        &[("view_id", &team_id), ("name", "Mine now"), ("query", "")],
    )
    .await;
    assert_eq!(changed.status(), StatusCode::FORBIDDEN, "only the owner changes a view");
    let hidden = save(
        &app,
        &writer,
        &[("view_id", &mine.to_string()), ("name", "x"), ("query", "")],
    )
    .await;
    assert_eq!(
        hidden.status(),
        StatusCode::NOT_FOUND,
        "another's private view is not found"
    );
    let refused = app
        .post(&writer, "/api/view/delete_asset_view", &[("view_id", &team_id)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let private = app
        .post(&admin, "/api/view/delete_asset_view", &[("view_id", &mine.to_string())])
        .await;
    assert_eq!(
        private.status(),
        StatusCode::NOT_FOUND,
        "a System admin does not see private views"
    );
    let deleted = app
        .post(&admin, "/api/view/delete_asset_view", &[("view_id", &team_id)])
        .await;
    assert_eq!(deleted.status(), StatusCode::OK, "a System admin deletes a shared view");
    assert_eq!(names(&views(&app, &reader).await["mine"]), ["Heroes"]);

    let renamed = save(
        &app,
        &reader,
        &[
            ("view_id", &mine.to_string()),
            ("name", "Superheroes"),
            ("query", "q=hero"),
        ],
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(json(renamed).await["query"], "q=hero");
}

#[tokio::test]
async fn assets_alone_opens_the_default_view_and_a_bare_view_link_its_filters() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let view = saved_id(
        &app,
        &admin,
        &[("name", "Documents"), ("query", "type=document&sort=name")],
    )
    .await;
    assert_eq!(
        page(&app, &admin, "/assets").await.status(),
        StatusCode::OK,
        "no default yet"
    );

    let set = app
        .post(
            &admin,
            "/api/view/set_default_asset_view",
            &[("view_id", &view.to_string())],
        )
        .await;
    assert_eq!(set.status(), StatusCode::OK);
    assert_eq!(json(set).await["default"], view);
    let expected = format!("/assets?view={view}&type=document&sort=name");
    for path in ["/assets".to_owned(), format!("/assets?view={view}")] {
        let opened = page(&app, &admin, &path).await;
        assert_eq!(opened.status(), StatusCode::FOUND, "{path}");
        assert_eq!(opened.headers()[reqwest::header::LOCATION], expected.as_str(), "{path}");
    }
    let cleared = page(&app, &admin, "/assets?sort=latest").await;
    assert_eq!(cleared.status(), StatusCode::OK, "Clear all stays cleared");

    let other = app.client();
    app.create_user(&admin, "someone", "dam_write", "password-for-test")
        .await;
    let response = app.sign_in(&other, "someone", "password-for-test").await;
    assert_eq!(response.status(), StatusCode::OK);
    let not_theirs = app
        .post(
            &other,
            "/api/view/set_default_asset_view",
            &[("view_id", &view.to_string())],
        )
        .await;
    assert_eq!(
        not_theirs.status(),
        StatusCode::NOT_FOUND,
        "another's private view cannot be a default"
    );
    assert_eq!(page(&app, &other, "/assets").await.status(), StatusCode::OK);
}
