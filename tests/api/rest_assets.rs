//! The integration API's assets: the grid's filter and order, cursor pages, by id and by code,
//! problems for what is wrong, and the OpenAPI document that describes them.

use reqwest::{StatusCode, header};
use serde_json::Value;

use crate::api_tokens::{api_get, problem_code, secret};
use crate::helpers::{TestApp, json};

fn encoded(query: &str) -> String {
    form_urlencoded::byte_serialize(query.as_bytes()).collect()
}

/// Every asset the grid lists for this page address query, in its order, all pages.
async fn grid_order(app: &TestApp, client: &reqwest::Client, query: &str) -> Vec<i64> {
    let (mut ids, mut after) = (Vec::new(), String::new());
    loop {
        let url = format!(
            "/api/view/list_assets?filter={}&after={}",
            encoded(query),
            encoded(&after)
        );
        let page = json(app.get(client, &url).await).await;
        ids.extend(
            page["cards"]
                .as_array()
                .unwrap_or_else(|| panic!("{query}: {page}"))
                .iter()
                .map(|card| card["id"].as_i64().unwrap()),
        );
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return ids,
        }
    }
}

#[tokio::test]
async fn a_grid_address_query_lists_the_same_assets_in_the_same_order_page_by_page() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for name in [
        "rest-pear.txt",
        "rest-apple.txt",
        "rest-fig.txt",
        "other-plum.txt",
        "rest-kiwi.txt",
        "rest-date.txt",
    ] {
        app.upload_id(&admin, name, format!("{name} body").into_bytes()).await;
    }
    let secret = secret(&app, &admin, &["assets:read"]).await;
    for query in ["q=rest&sort=name", "q=rest&sort=size", "type=text&sort=oldest"] {
        let grid = grid_order(&app, &admin, query).await;
        let (mut listed, mut path) = (Vec::new(), format!("/api/v1/assets?{query}&limit=2"));
        let mut pages = 0;
        loop {
            let response = api_get(&app, &secret, &path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let link = response
                .headers()
                .get(header::LINK)
                .map(|link| link.to_str().unwrap().to_owned());
            let page = json(response).await;
            let items = page["items"].as_array().unwrap();
            assert!(items.len() <= 2, "{page}");
            listed.extend(items.iter().map(|item| item["id"].as_i64().unwrap()));
            pages += 1;
            match (page["next"].as_str(), link) {
                (Some(next), Some(link)) => {
                    // The Link header and the body name the same next page.
                    assert!(
                        link.ends_with("; rel=\"next\"") && link.contains(&encoded(next)),
                        "{link}"
                    );
                    path = link.trim_start_matches('<').split('>').next().unwrap().to_owned();
                }
                (None, None) => break,
                other => panic!("body and Link header disagree: {other:?}"),
            }
        }
        assert_eq!(listed, grid, "{query}");
        assert!(pages >= 3, "{query}: {pages} pages");
    }
    let first = json(api_get(&app, &secret, "/api/v1/assets?q=rest-apple").await).await;
    let item = &first["items"][0];
    assert_eq!(item["code"], "rest-apple");
    assert_eq!(item["file_type"], "text");
    assert_eq!(item["availability"], "automatic");
    assert_eq!(item["published"], false);
}

#[tokio::test]
async fn an_asset_is_read_by_id_or_code_with_its_revision_as_etag() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "spec-sheet.txt", b"the spec".to_vec()).await;
    app.save_details(&admin, id, &[("description", "Sizes and care")]).await;
    let secret = secret(&app, &admin, &["assets:read"]).await;

    let by_id = api_get(&app, &secret, &format!("/api/v1/assets/{id}")).await;
    assert_eq!(by_id.status(), StatusCode::OK);
    let etag = by_id.headers()[header::ETAG].to_str().unwrap().to_owned();
    let asset: Value = json(by_id).await;
    assert_eq!(asset["code"], "spec-sheet");
    assert_eq!(asset["description"], "Sizes and care");
    assert_eq!(asset["current_version"]["number"], 1);
    assert_eq!(asset["current_version"]["file_name"], "spec-sheet.txt");
    assert_eq!(asset["current_version"]["size"], 8);
    assert_eq!(etag, format!("\"{}\"", asset["revision"]));

    let by_code = json(api_get(&app, &secret, "/api/v1/assets/by-code/spec-sheet").await).await;
    assert_eq!(by_code, asset);
    for missing in [
        "/api/v1/assets/999999",
        "/api/v1/assets/by-code/nothing-here",
        "/api/v1/nothing",
    ] {
        let response = api_get(&app, &secret, missing).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(problem_code(response).await, "not_found");
    }
    for wrong in [
        "/api/v1/assets?type=hologram",
        "/api/v1/assets?limit=500",
        "/api/v1/assets?limit=0",
    ] {
        let response = api_get(&app, &secret, wrong).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{wrong}");
        assert_eq!(problem_code(response).await, "validation");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_and_the_token() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let document = json(response).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."), "{document}");
    assert_eq!(document["servers"][0]["url"], "/api/v1");
    for path in ["/assets", "/assets/{id}", "/assets/by-code/{code}"] {
        assert!(document["paths"][path]["get"].is_object(), "{path} is described");
    }
    assert!(document["paths"]["/assets/{id}"]["patch"]["responses"]["412"].is_object());
    assert!(document["paths"]["/assets/{id}"]["delete"]["responses"]["409"].is_object());
    // Every operation says what any refusal answers.
    let operations = document["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|path| path.as_object().unwrap().values());
    let mut described = 0;
    let mut ids = std::collections::HashSet::new();
    for operation in operations {
        assert!(
            ids.insert(operation["operationId"].as_str().unwrap()),
            "{} twice",
            operation["operationId"]
        );
        for status in ["401", "403", "429"] {
            let answer = &operation["responses"][status]["content"]["application/problem+json"];
            assert!(answer.is_object(), "{status} of {}", operation["operationId"]);
        }
        described += 1;
    }
    assert_eq!(described, 37);
    let post = &document["paths"]["/assets"]["post"]["parameters"];
    assert!(
        post.as_array()
            .unwrap()
            .iter()
            .any(|parameter| parameter["name"] == "Idempotency-Key" && parameter["in"] == "header"),
        "{post}"
    );
    let scheme = &document["components"]["securitySchemes"]["api_token"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    assert!(document["components"]["schemas"]["Problem"].is_object());
}

/// A PATCH of the API with `secret`, naming `etag` in If-Match when given.
async fn api_patch(app: &TestApp, secret: &str, path: &str, etag: Option<&str>, body: &str) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .patch(app.url(path))
        .bearer_auth(secret)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_owned());
    if let Some(etag) = etag {
        request = request.header(header::IF_MATCH, etag);
    }
    request.send().await.expect("request")
}

async fn api_delete(app: &TestApp, secret: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .delete(app.url(path))
        .bearer_auth(secret)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_change_names_the_etag_it_was_read_at_and_loses_no_one_elses() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "boot.txt", b"boot".to_vec()).await;
    let writer = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let path = format!("/api/v1/assets/{id}");
    let read = api_get(&app, &writer, &path).await;
    let etag = read.headers()[header::ETAG].to_str().unwrap().to_owned();

    let changed = api_patch(
        &app,
        &writer,
        &path,
        Some(&etag),
        r#"{"name":"Winter boot","labels":["winter","leather"]}"#,
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let new_etag = changed.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    let asset = json(changed).await;
    assert_eq!(asset["name"], "Winter boot");
    assert_eq!(asset["labels"], serde_json::json!(["leather", "winter"]));
    assert_eq!(asset["availability"], "automatic", "what was left out stays");

    // Someone changed it since the first read: nothing is changed.
    let stale = api_patch(&app, &writer, &path, Some(&etag), r#"{"name":"Summer boot"}"#).await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(problem_code(stale).await, "stale");
    assert_eq!(json(api_get(&app, &writer, &path).await).await["name"], "Winter boot");

    for (etag, body, says) in [
        (None, r#"{"name":"x"}"#, "If-Match"),
        (Some(new_etag.as_str()), r#"{"nmae":"x"}"#, "nmae"),
        (Some(new_etag.as_str()), r#"{"name":""}"#, "Asset name"),
        (Some(new_etag.as_str()), r#"{"labels":["a,b"]}"#, "no comma"),
        (Some(new_etag.as_str()), r#"{"availability":"secret"}"#, "secret"),
    ] {
        let response = api_patch(&app, &writer, &path, etag, body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            json(response).await["detail"].as_str().unwrap().contains(says),
            "{body}"
        );
    }

    // Public: not deleted, as in the actions menu. Automatic again: deleted.
    let public = api_patch(&app, &writer, &path, Some(&new_etag), r#"{"availability":"public"}"#).await;
    let public_etag = public.headers()[header::ETAG].to_str().unwrap().to_owned();
    let refused = api_delete(&app, &writer, &path).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(problem_code(refused).await, "conflict");
    api_patch(
        &app,
        &writer,
        &path,
        Some(&public_etag),
        r#"{"availability":"automatic"}"#,
    )
    .await;
    assert_eq!(api_delete(&app, &writer, &path).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api_get(&app, &writer, &path).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_write_needs_both_the_scope_and_an_owner_who_may_manage_assets() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "bag.txt", b"bag".to_vec()).await;
    let path = format!("/api/v1/assets/{id}");
    app.create_user(&admin, "rita", "dam_read", "correct horse battery")
        .await;
    let rita = app.signed_in("rita", "correct horse battery").await;
    let readers_writer = secret(&app, &rita, &["assets:read", "assets:write"]).await;
    let admins_reader = secret(&app, &admin, &["assets:read"]).await;
    let etag = api_get(&app, &admins_reader, &path).await.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    for token in [&readers_writer, &admins_reader] {
        let response = api_patch(&app, token, &path, Some(&etag), r#"{"name":"Taken"}"#).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(problem_code(response).await, "forbidden");
        assert_eq!(api_delete(&app, token, &path).await.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(json(api_get(&app, &admins_reader, &path).await).await["name"], "bag");
}

#[tokio::test]
async fn versions_are_listed_newest_first_and_each_file_is_downloaded_whole_or_in_part() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "care.txt", b"first words".to_vec()).await;
    let added = app
        .upload_version(&admin, id, None, "care.txt", b"second words, longer".to_vec())
        .await;
    assert_eq!(added.status(), StatusCode::OK);
    let reader = secret(&app, &admin, &["assets:read"]).await;

    let versions = json(api_get(&app, &reader, &format!("/api/v1/assets/{id}/versions")).await).await;
    let numbers: Vec<i64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(versions[1]["size"], 11);

    let first = api_get(&app, &reader, &format!("/api/v1/assets/{id}/versions/1/file")).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.headers().contains_key(header::ETAG));
    assert_eq!(first.bytes().await.unwrap().as_ref(), b"first words");
    let part = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/assets/{id}/versions/2/file")))
        .bearer_auth(&reader)
        .header(header::RANGE, "bytes=0-5")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes().await.unwrap().as_ref(), b"second");

    for missing in [
        format!("/api/v1/assets/{id}/versions/3/file"),
        "/api/v1/assets/999999/versions".to_owned(),
    ] {
        let response = api_get(&app, &reader, &missing).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(problem_code(response).await, "not_found");
    }
    let catalog_only = secret(&app, &admin, &["catalog:read"]).await;
    let refused = api_get(&app, &catalog_only, &format!("/api/v1/assets/{id}/versions/1/file")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
