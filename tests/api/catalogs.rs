//! Catalogs, their category trees, and the categories assets are in.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, error_text, fixture, json};

async fn save_catalog(app: &TestApp, client: &Client, code: &str, name: &str) -> reqwest::Response {
    app.post(client, "/api/catalog/save_catalog", &[("code", code), ("name", name)])
        .await
}

pub async fn catalog_id(app: &TestApp, client: &Client, code: &str) -> i64 {
    let response = save_catalog(app, client, code, &format!("Catalog {code}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await["catalog"]["id"].as_i64().unwrap()
}

/// Adds a category (under `parent`, or at the top) and returns its id.
pub async fn category_id(
    app: &TestApp,
    client: &Client,
    catalog: i64,
    parent: Option<i64>,
    number: &str,
    name: &str,
) -> i64 {
    let response = save_category(app, client, None, catalog, parent, number, name).await;
    assert_eq!(response.status(), StatusCode::OK, "add {number}");
    let tree: Value = json(response).await;
    tree["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"]["number"] == number)
        .unwrap()["category"]["id"]
        .as_i64()
        .unwrap()
}

async fn save_category(
    app: &TestApp,
    client: &Client,
    id: Option<i64>,
    catalog: i64,
    parent: Option<i64>,
    number: &str,
    name: &str,
) -> reqwest::Response {
    let (id, catalog, parent) = (
        id.map(|id| id.to_string()),
        catalog.to_string(),
        parent.map_or_else(String::new, |p| p.to_string()),
    );
    let mut form = vec![
        ("catalog_id", catalog.as_str()),
        ("parent_id", parent.as_str()),
        ("number", number),
        ("name", name),
    ];
    if let Some(id) = id.as_deref() {
        form.push(("category_id", id));
    }
    app.post(client, "/api/catalog/save_category", &form).await
}

/// The catalog's categories in tree order, as "  name" indented two spaces per level.
async fn outline(app: &TestApp, client: &Client, code: &str) -> Vec<String> {
    let trees: Value = json(app.get(client, "/api/view/list_catalogs").await).await;
    let tree = trees
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["catalog"]["code"] == code)
        .unwrap()
        .clone();
    tree["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let depth = c["depth"].as_u64().unwrap() as usize;
            format!("{}{}", "  ".repeat(depth), c["category"]["name"].as_str().unwrap())
        })
        .collect()
}

/// Saves the categories of an asset (`owner` "asset_id") or a product ("product_id") as the
/// form of checkboxes does: `was` checked when the page opened, `chosen` checked now.
async fn save_checked(
    app: &TestApp,
    client: &Client,
    (owner, id): (&str, i64),
    was: &[i64],
    chosen: &[i64],
) -> reqwest::Response {
    let endpoint = match owner {
        "asset_id" => "/api/manage/change_asset_categories",
        _ => "/api/catalog/change_product_categories",
    };
    let id = id.to_string();
    let was: Vec<String> = was.iter().map(i64::to_string).collect();
    let chosen: Vec<String> = chosen.iter().map(i64::to_string).collect();
    let mut form = vec![(owner, id.as_str())];
    form.extend(was.iter().map(|c| ("was[]", c.as_str())));
    form.extend(chosen.iter().map(|c| ("chosen[]", c.as_str())));
    app.post(client, endpoint, &form).await
}

async fn change_categories(
    app: &TestApp,
    client: &Client,
    asset: i64,
    was: &[i64],
    chosen: &[i64],
) -> reqwest::Response {
    save_checked(app, client, ("asset_id", asset), was, chosen).await
}

/// The category paths an overview (`asset_details` or `product_details`) lists.
async fn paths_at(app: &TestApp, client: &Client, url: &str) -> Vec<String> {
    let overview: Value = json(app.get(client, url).await).await;
    overview["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap().to_owned())
        .collect()
}

async fn asset_paths(app: &TestApp, client: &Client, asset: i64) -> Vec<String> {
    paths_at(app, client, &format!("/api/view/asset_details?asset_id={asset}")).await
}

async fn product_paths(app: &TestApp, client: &Client, product: i64) -> Vec<String> {
    paths_at(app, client, &format!("/api/view/product_details?product_id={product}")).await
}

#[tokio::test]
async fn categories_nest_reorder_and_stay_in_their_catalog() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let main = catalog_id(&app, &admin, "main").await;
    let taken = save_catalog(&app, &admin, "main", "Again").await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let outlet = catalog_id(&app, &admin, "outlet").await;

    let shoes = category_id(&app, &admin, main, None, "SHOES", "Shoes").await;
    let bags = category_id(&app, &admin, main, None, "BAGS", "Bags").await;
    let trail = category_id(&app, &admin, main, Some(shoes), "TRAIL", "Trail").await;
    category_id(&app, &admin, main, Some(shoes), "ROAD", "Road").await;
    assert_eq!(
        outline(&app, &admin, "main").await,
        ["Shoes", "  Trail", "  Road", "Bags"]
    );

    let same_number = save_category(&app, &admin, None, outlet, None, "SHOES", "Shoes").await;
    assert_eq!(
        same_number.status(),
        StatusCode::CONFLICT,
        "numbers are unique across catalogs"
    );

    let moved = app
        .post(
            &admin,
            "/api/catalog/reorder_category",
            &[("category_id", &bags.to_string()), ("direction", "up")],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_eq!(
        outline(&app, &admin, "main").await,
        ["Bags", "Shoes", "  Trail", "  Road"]
    );

    // Trail goes under Bags, renamed; Shoes cannot go under its own child; nothing changes catalog.
    let nested = save_category(&app, &admin, Some(trail), main, Some(bags), "TRAIL", "Trail bags").await;
    assert_eq!(nested.status(), StatusCode::OK);
    assert_eq!(
        outline(&app, &admin, "main").await,
        ["Bags", "  Trail bags", "Shoes", "  Road"]
    );
    let road = json(app.get(&admin, "/api/view/list_catalogs").await).await[0]["categories"][3]["category"]["id"]
        .as_i64()
        .unwrap();
    let loop_ = save_category(&app, &admin, Some(shoes), main, Some(road), "SHOES", "Shoes").await;
    assert_eq!(loop_.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let elsewhere = save_category(&app, &admin, Some(shoes), outlet, None, "SHOES", "Shoes").await;
    assert_eq!(elsewhere.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(elsewhere).await.contains("another catalog"));
    assert!(outline(&app, &admin, "outlet").await.is_empty());
}

#[tokio::test]
async fn a_category_in_use_is_not_deleted_and_says_what_is_in_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let main = catalog_id(&app, &admin, "main").await;
    let shoes = category_id(&app, &admin, main, None, "SHOES", "Shoes").await;
    let trail = category_id(&app, &admin, main, Some(shoes), "TRAIL", "Trail").await;
    let asset = app.upload_id(&admin, "boot.jpg", fixture("hopper.jpg")).await;
    assert_eq!(
        change_categories(&app, &admin, asset, &[], &[trail]).await.status(),
        StatusCode::OK
    );

    let delete = |id: i64| {
        let (app, admin) = (&app, &admin);
        async move {
            app.post(
                admin,
                "/api/catalog/delete_category",
                &[("category_id", &id.to_string())],
            )
            .await
        }
    };
    let refused = delete(trail).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(error_text(refused).await.contains("it has 1 asset"));
    let parent = delete(shoes).await;
    assert_eq!(parent.status(), StatusCode::CONFLICT);
    assert!(error_text(parent).await.contains("1 subcategory"));

    assert_eq!(
        change_categories(&app, &admin, asset, &[trail], &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(delete(trail).await.status(), StatusCode::OK);
    assert_eq!(delete(shoes).await.status(), StatusCode::OK);
    assert!(outline(&app, &admin, "main").await.is_empty());
}

#[tokio::test]
async fn an_asset_is_put_in_categories_by_managers_and_shown_by_path() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (user, role) in [("dam", "dam_write"), ("reader", "dam_read")] {
        app.create_user(&admin, user, role, "password-for-test").await;
    }
    let dam = app.signed_in("dam", "password-for-test").await;
    let reader = app.signed_in("reader", "password-for-test").await;
    let main = catalog_id(&app, &admin, "main").await;
    let shoes = category_id(&app, &admin, main, None, "SHOES", "Shoes").await;
    let trail = category_id(&app, &admin, main, Some(shoes), "TRAIL", "Trail").await;
    let asset = app.upload_id(&admin, "boot.jpg", fixture("hopper.jpg")).await;

    for client in [&dam, &reader] {
        let refused = save_category(&app, client, None, main, None, "X", "X").await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        change_categories(&app, &reader, asset, &[], &[trail]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        change_categories(&app, &dam, asset, &[], &[trail, shoes])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        asset_paths(&app, &reader, asset).await,
        ["Catalog main › Shoes", "Catalog main › Shoes › Trail"]
    );
    let unknown = change_categories(&app, &dam, asset, &[shoes], &[999_999]).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        asset_paths(&app, &dam, asset).await.len(),
        2,
        "a refused Save changes nothing"
    );

    let clone = json(
        app.post(&admin, "/api/manage/clone_asset", &[("asset_id", &asset.to_string())])
            .await,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    assert!(
        asset_paths(&app, &admin, clone).await.is_empty(),
        "a clone is in no category"
    );
    let deleted = app
        .post(&admin, "/api/manage/delete_asset", &[("asset_id", &asset.to_string())])
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    let freed = app
        .post(
            &admin,
            "/api/catalog/delete_category",
            &[("category_id", &trail.to_string())],
        )
        .await;
    assert_eq!(
        freed.status(),
        StatusCode::OK,
        "deleting the asset took it out of its categories"
    );
}

#[tokio::test]
async fn a_products_categories_change_by_checkboxes_from_two_sessions_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "pim", "pim_write", "password-for-test").await;
    app.create_user(&admin, "dam", "dam_write", "password-for-test").await;
    let (pim, dam) = (
        app.signed_in("pim", "password-for-test").await,
        app.signed_in("dam", "password-for-test").await,
    );
    let main = catalog_id(&app, &admin, "main").await;
    let shoes = category_id(&app, &admin, main, None, "SHOES", "Shoes").await;
    let bags = category_id(&app, &admin, main, None, "BAGS", "Bags").await;
    let trail = category_id(&app, &admin, main, Some(shoes), "TRAIL", "Trail").await;
    let created: Value = json(
        app.post(
            &admin,
            "/api/catalog/save_product",
            &[("number", "BOOT-1"), ("name", "Boot"), ("description", "")],
        )
        .await,
    )
    .await;
    let product = created["id"].as_i64().unwrap();
    let product_form = ("product_id", product);

    let refused = save_checked(&app, &dam, product_form, &[], &[bags]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "DAM write only sees products");
    // Two people open the product's page with no category checked, and each ticks another one.
    let first = save_checked(&app, &pim, product_form, &[], &[trail]).await;
    assert_eq!(first.status(), StatusCode::OK);
    let second = save_checked(&app, &admin, product_form, &[], &[bags]).await;
    assert_eq!(second.status(), StatusCode::OK);
    let saved: Value = json(second).await;
    assert_eq!(saved["categories"], serde_json::json!(["Bags", "Trail"]));
    assert_ne!(saved["updated_at"], created["updated_at"], "the product was updated");
    assert_eq!(
        product_paths(&app, &dam, product).await,
        ["Catalog main › Bags", "Catalog main › Shoes › Trail"]
    );

    let unknown = save_checked(&app, &pim, product_form, &[bags, trail], &[999_999]).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(unknown).await.contains("no category 999999"));
    assert_eq!(
        product_paths(&app, &pim, product).await.len(),
        2,
        "a refused Save changes nothing"
    );

    let in_use = app
        .post(
            &admin,
            "/api/catalog/delete_category",
            &[("category_id", &bags.to_string())],
        )
        .await;
    assert_eq!(in_use.status(), StatusCode::CONFLICT);
    assert!(error_text(in_use).await.contains("1 product"));
    let filtered: Value = json(
        app.get(&pim, &format!("/api/view/list_products?filter=category%3D{shoes}"))
            .await,
    )
    .await;
    assert_eq!(
        filtered["products"][0]["number"], "BOOT-1",
        "Shoes includes its subcategory Trail"
    );

    let unticked = save_checked(&app, &pim, product_form, &[bags, trail], &[trail]).await;
    assert_eq!(unticked.status(), StatusCode::OK);
    assert_eq!(
        product_paths(&app, &pim, product).await,
        ["Catalog main › Shoes › Trail"]
    );
}

#[tokio::test]
async fn add_asset_to_categories_works_as_a_plain_form_post() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let main = catalog_id(&app, &admin, "main").await;
    let shoes = category_id(&app, &admin, main, None, "SHOES", "Shoes").await;
    let asset = app.upload_id(&admin, "boot.jpg", fixture("hopper.jpg")).await;
    // What a browser without JavaScript sends: the checked boxes, and it asks for a page back.
    let posted = admin
        .post(app.url("/api/manage/change_asset_categories"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::ORIGIN, app.url(""))
        .body(format!("asset_id={asset}&chosen%5B%5D={shoes}"))
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::FOUND);
    assert_eq!(
        posted.headers()[reqwest::header::LOCATION],
        format!("/assets/{asset}?tab=categories").as_str()
    );
    assert_eq!(asset_paths(&app, &admin, asset).await, ["Catalog main › Shoes"]);
}
