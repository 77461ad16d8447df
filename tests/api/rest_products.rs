//! Products and catalogs through the integration API: by number, published with their Automatic
//! assets, assets linked as a delta and ordered, categories of products and assets.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json as body};

use crate::api_tokens::{api, api_get, problem_code, secret};
use crate::catalogs::{catalog_id, category_id};
use crate::helpers::{TestApp, json};

async fn send(app: &TestApp, secret: &str, method: Method, path: &str, sent: Value) -> reqwest::Response {
    api(app, secret, method, path)
        .json(&sent)
        .send()
        .await
        .expect("request")
}

fn codes(product: &Value) -> Vec<&str> {
    product["assets"]
        .as_array()
        .unwrap_or_else(|| panic!("{product}"))
        .iter()
        .map(|asset| asset["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_product_is_put_by_number_and_publishing_it_publishes_its_automatic_assets() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(
        &app,
        &admin,
        &["assets:read", "assets:write", "catalog:read", "catalog:write"],
    )
    .await;
    let asset = app.upload_id(&admin, "rp-boot.txt", b"boot".to_vec()).await;

    let path = "/api/v1/products/RP-100";
    let created = send(&app, &secret, Method::PUT, path, body!({"name": "Boot"})).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(json(created).await["status"], "draft");
    let changed = send(
        &app,
        &secret,
        Method::PUT,
        path,
        body!({"name": "Winter boot", "description": "Warm"}),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let listed = json(api_get(&app, &secret, "/api/v1/products?search=winter").await).await;
    let numbers: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["RP-100"]);

    let linked = send(
        &app,
        &secret,
        Method::PATCH,
        &format!("{path}/assets"),
        body!({"assign": ["rp-boot"]}),
    )
    .await;
    assert_eq!(linked.status(), StatusCode::OK);
    let published_now =
        || async { json(api_get(&app, &secret, &format!("/api/v1/assets/{asset}")).await).await["published"].clone() };
    assert_eq!(published_now().await, false, "a draft product publishes nothing");
    let status = send(
        &app,
        &secret,
        Method::PUT,
        &format!("{path}/status"),
        body!({"status": "published"}),
    )
    .await;
    assert_eq!(json(status).await["status"], "published");
    assert_eq!(published_now().await, true);
    send(
        &app,
        &secret,
        Method::PUT,
        &format!("{path}/status"),
        body!({"status": "draft"}),
    )
    .await;
    assert_eq!(published_now().await, false);

    let unknown = send(
        &app,
        &secret,
        Method::PUT,
        &format!("{path}/status"),
        body!({"status": "sold"}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let missing = api_get(&app, &secret, "/api/v1/products/RP-404").await;
    assert_eq!(problem_code(missing).await, "not_found");
}

#[tokio::test]
async fn assets_are_linked_as_a_delta_all_or_nothing_and_put_in_order() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:write", "catalog:read", "catalog:write"]).await;
    for code in ["rl-a", "rl-b", "rl-c", "rl-d"] {
        app.upload_id(&admin, &format!("{code}.txt"), code.as_bytes().to_vec())
            .await;
    }
    let path = "/api/v1/products/RL-1";
    send(&app, &secret, Method::PUT, path, body!({"name": "Lamp"})).await;
    let assets = format!("{path}/assets");

    let linked = json(
        send(
            &app,
            &secret,
            Method::PATCH,
            &assets,
            body!({"assign": ["rl-a", "rl-b", "rl-c"]}),
        )
        .await,
    )
    .await;
    assert_eq!(codes(&linked), ["rl-a", "rl-b", "rl-c"]);
    let less = json(send(&app, &secret, Method::PATCH, &assets, body!({"unassign": ["rl-b"]})).await).await;
    assert_eq!(codes(&less), ["rl-a", "rl-c"]);

    // An unknown code refuses the whole change: rl-d is not linked either.
    let refused = send(
        &app,
        &secret,
        Method::PATCH,
        &assets,
        body!({"assign": ["rl-d", "rl-nope"]}),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(codes(&json(api_get(&app, &secret, path).await).await), ["rl-a", "rl-c"]);

    let order = format!("{assets}/order");
    let ordered = json(send(&app, &secret, Method::PUT, &order, body!({"assets": ["rl-c", "rl-a"]})).await).await;
    assert_eq!(codes(&ordered), ["rl-c", "rl-a"]);
    let partial = send(&app, &secret, Method::PUT, &order, body!({"assets": ["rl-a"]})).await;
    assert_eq!(partial.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(codes(&json(api_get(&app, &secret, path).await).await), ["rl-c", "rl-a"]);
}

#[tokio::test]
async fn catalogs_are_read_and_products_and_assets_put_in_categories() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let secret = secret(&app, &admin, &["assets:write", "catalog:read", "catalog:write"]).await;
    let catalog = catalog_id(&app, &admin, "rc-web").await;
    let shoes = category_id(&app, &admin, catalog, None, "RC-SHOES", "Shoes").await;
    let boots = category_id(&app, &admin, catalog, Some(shoes), "RC-BOOTS", "Boots").await;
    let asset = app.upload_id(&admin, "rc-boot.txt", b"boot".to_vec()).await;

    let catalogs = json(api_get(&app, &secret, "/api/v1/catalogs").await).await;
    let web = catalogs
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "rc-web")
        .expect("the catalog");
    let tree: Vec<(i64, usize, Option<i64>)> = web["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap(),
                c["depth"].as_u64().unwrap() as usize,
                c["parent"].as_i64(),
            )
        })
        .collect();
    assert_eq!(tree, [(shoes, 0, None), (boots, 1, Some(shoes))]);

    let paths = json(
        send(
            &app,
            &secret,
            Method::PATCH,
            &format!("/api/v1/assets/{asset}/categories"),
            body!({"assign": [boots]}),
        )
        .await,
    )
    .await;
    assert_eq!(paths, body!([{"id": boots, "path": "Catalog rc-web › Shoes › Boots"}]));
    send(
        &app,
        &secret,
        Method::PUT,
        "/api/v1/products/RC-9",
        body!({"name": "Boot"}),
    )
    .await;
    let product = json(
        send(
            &app,
            &secret,
            Method::PATCH,
            "/api/v1/products/RC-9/categories",
            body!({"assign": [shoes]}),
        )
        .await,
    )
    .await;
    assert_eq!(product["categories"], body!(["Shoes"]));
    let unknown = send(
        &app,
        &secret,
        Method::PATCH,
        "/api/v1/products/RC-9/categories",
        body!({"assign": [999_999]}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn catalog_scopes_bound_what_a_token_does_with_products() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let reader = secret(&app, &admin, &["catalog:read"]).await;
    let assets_only = secret(&app, &admin, &["assets:read", "assets:write"]).await;
    let refused = send(
        &app,
        &reader,
        Method::PUT,
        "/api/v1/products/RS-1",
        body!({"name": "No"}),
    )
    .await;
    assert_eq!(problem_code(refused).await, "forbidden");
    assert_eq!(
        api_get(&app, &assets_only, "/api/v1/products").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        api_get(&app, &reader, "/api/v1/products/RS-1").await.status(),
        StatusCode::NOT_FOUND
    );
}
