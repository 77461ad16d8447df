//! Products, and the links that make an Automatic asset published exactly while a linked product
//! is Published.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, error_text, fixture, json};
use crate::links::{links, stranger};

async fn create_product(app: &TestApp, client: &Client, number: &str, name: &str) -> reqwest::Response {
    app.post(
        client,
        "/api/catalog/save_product",
        &[("number", number), ("name", name), ("description", "")],
    )
    .await
}

async fn product_id(app: &TestApp, client: &Client, number: &str, name: &str) -> i64 {
    let response = create_product(app, client, number, name).await;
    assert_eq!(response.status(), StatusCode::OK, "create {number}");
    json(response).await["id"].as_i64().unwrap()
}

async fn set_status(app: &TestApp, client: &Client, product: i64, status: &str) {
    let response = app
        .post(
            client,
            "/api/catalog/set_product_status",
            &[("product_id", &product.to_string()), ("status", status)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{status}");
    assert_eq!(json(response).await["status"], status);
}

async fn change_links(
    app: &TestApp,
    client: &Client,
    asset: i64,
    assign: &[i64],
    unassign: &[i64],
) -> reqwest::Response {
    let list = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    app.post(
        client,
        "/api/manage/change_asset_products",
        &[
            ("asset_id", &asset.to_string()),
            ("assign", &list(assign)),
            ("unassign", &list(unassign)),
        ],
    )
    .await
}

async fn linked_numbers(app: &TestApp, client: &Client, asset: i64) -> Vec<String> {
    let response = app
        .get(client, &format!("/api/view/asset_products?asset_id={asset}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let products: Value = json(response).await;
    products
        .as_array()
        .unwrap()
        .iter()
        .map(|product| product["number"].as_str().unwrap().to_owned())
        .collect()
}

async fn publication(app: &TestApp, client: &Client, asset: i64) -> Value {
    json(app.get(client, &format!("/api/view/get_asset?asset_id={asset}")).await).await["publication"].clone()
}

#[tokio::test]
async fn products_are_checked_and_their_numbers_are_unique() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let created: Value = json(create_product(&app, &admin, " SHOE-001 ", "Trail shoe").await).await;
    assert_eq!(created["number"], "SHOE-001");
    assert_eq!(created["status"], "draft", "new products start as Draft");

    let taken = create_product(&app, &admin, "SHOE-001", "Another shoe").await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert!(error_text(taken).await.contains("SHOE-001"));
    let spaced = create_product(&app, &admin, "SHOE 002", "Shoe").await;
    assert_eq!(spaced.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(spaced).await.contains("Product number"));
    let nul = create_product(&app, &admin, "SHOE-003", "Sh\0oe").await;
    assert_eq!(nul.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Renaming to another product's number is refused; the product keeps its own.
    let other = product_id(&app, &admin, "BAG-001", "Day bag").await;
    let renamed = app
        .post(
            &admin,
            "/api/catalog/save_product",
            &[
                ("product_id", &other.to_string()),
                ("number", "SHOE-001"),
                ("name", "Day bag"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::CONFLICT);

    let found: Value = json(app.get(&admin, "/api/view/list_products?filter=search%3Dshoe").await).await;
    let numbers: Vec<&str> = found["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["SHOE-001"], "a number prefix or a name substring, any case");
    let by_name: Value = json(
        app.get(
            &admin,
            "/api/view/list_products?filter=search%3Dday%2520b%26status%3Ddraft",
        )
        .await,
    )
    .await;
    assert_eq!(by_name["products"][0]["number"], "BAG-001");
}

#[tokio::test]
async fn only_pim_roles_change_products_and_only_managers_link_assets() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (user, role) in [("pim", "pim_write"), ("dam", "dam_write"), ("reader", "dam_read")] {
        app.create_user(&admin, user, role, "password-for-test").await;
    }
    let (pim, dam, reader) = (
        app.signed_in("pim", "password-for-test").await,
        app.signed_in("dam", "password-for-test").await,
        app.signed_in("reader", "password-for-test").await,
    );
    let product = product_id(&app, &pim, "P-1", "Made by a PIM writer").await;
    let asset = app.upload_id(&admin, "photo.jpg", fixture("hopper.jpg")).await;

    for client in [&dam, &reader] {
        assert_eq!(
            create_product(&app, client, "P-2", "No").await.status(),
            StatusCode::FORBIDDEN
        );
        let status = app
            .post(
                client,
                "/api/catalog/set_product_status",
                &[("product_id", &product.to_string()), ("status", "published")],
            )
            .await;
        assert_eq!(status.status(), StatusCode::FORBIDDEN);
    }
    let refused = change_links(&app, &reader, asset, &[product], &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(
        linked_numbers(&app, &reader, asset).await.is_empty(),
        "nothing was linked"
    );

    assert_eq!(
        change_links(&app, &dam, asset, &[product], &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        linked_numbers(&app, &reader, asset).await,
        ["P-1"],
        "DAM read sees the links"
    );
}

#[tokio::test]
async fn an_automatic_asset_is_published_exactly_while_a_linked_product_is() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let asset = app.upload_id(&admin, "boot.jpg", fixture("hopper.jpg")).await;
    let boot = product_id(&app, &admin, "BOOT-1", "Winter boot").await;
    let spare = product_id(&app, &admin, "BOOT-2", "Spare boot").await;
    assert_eq!(
        change_links(&app, &admin, asset, &[boot, spare], &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        publication(&app, &admin, asset).await,
        serde_json::json!({"availability": "automatic", "published_products": 0})
    );
    let refused = app
        .post(&admin, "/api/view/copy_links", &[("asset_id", &asset.to_string())])
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::CONFLICT,
        "no link for an unpublished asset"
    );

    set_status(&app, &admin, boot, "published").await;
    assert_eq!(publication(&app, &admin, asset).await["published_products"], 1);
    let (pinned, current) = links(&app, &admin, asset).await;
    let outside = stranger();
    let served = |path: &str| {
        let (app, outside, path) = (&app, &outside, path.to_owned());
        async move { app.get(outside, &path).await.status() }
    };
    assert_eq!(served(&pinned).await, StatusCode::OK);
    assert_eq!(served(&current).await, StatusCode::OK);

    set_status(&app, &admin, spare, "published").await;
    assert_eq!(publication(&app, &admin, asset).await["published_products"], 2);

    // Each way out of publication closes the links at once, and each way back opens them.
    set_status(&app, &admin, spare, "draft").await;
    for (way_out, back) in [("draft", "published"), ("archived", "published")] {
        set_status(&app, &admin, boot, way_out).await;
        assert_eq!(served(&current).await, StatusCode::NOT_FOUND, "{way_out}");
        assert_eq!(served(&pinned).await, StatusCode::NOT_FOUND, "{way_out}");
        set_status(&app, &admin, boot, back).await;
        assert_eq!(served(&current).await, StatusCode::OK, "{back} after {way_out}");
    }
    assert_eq!(
        change_links(&app, &admin, asset, &[], &[boot]).await.status(),
        StatusCode::OK
    );
    assert_eq!(served(&current).await, StatusCode::NOT_FOUND, "unlinked");
    assert_eq!(
        publication(&app, &admin, asset).await["published_products"],
        0,
        "the Draft product still linked does not publish it"
    );

    // An Internal asset stays unpublished whatever its products do.
    assert_eq!(
        change_links(&app, &admin, asset, &[boot], &[]).await.status(),
        StatusCode::OK
    );
    app.set_availability(&admin, asset, "internal").await;
    assert_eq!(served(&current).await, StatusCode::NOT_FOUND, "internal");
}

#[tokio::test]
async fn two_people_saving_links_to_one_asset_at_once_both_keep_their_changes() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "other", "dam_write", "password-for-test").await;
    let other = app.signed_in("other", "password-for-test").await;
    let asset = app.upload_id(&admin, "bag.jpg", fixture("hopper.jpg")).await;
    let mut products = Vec::new();
    for n in 1..=20 {
        products.push(product_id(&app, &admin, &format!("BAG-{n:02}"), "Bag").await);
    }
    let (mine, theirs) = products.split_at(10);
    assert_eq!(
        change_links(&app, &admin, asset, &[products[0]], &[]).await.status(),
        StatusCode::OK
    );
    // Both opened the page with BAG-01 linked: I unlink it and add mine, they add theirs.
    let first = [mine[0]];
    let (a, b) = tokio::join!(
        change_links(&app, &admin, asset, &mine[1..], &first),
        change_links(&app, &other, asset, theirs, &[]),
    );
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    let expected: Vec<String> = (2..=20).map(|n| format!("BAG-{n:02}")).collect();
    assert_eq!(linked_numbers(&app, &admin, asset).await, expected);

    let unknown = change_links(&app, &admin, asset, &[999_999], &[]).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(unknown).await.contains("999999"));
    assert_eq!(
        linked_numbers(&app, &admin, asset).await,
        expected,
        "a refused Save changes nothing"
    );
}

#[tokio::test]
async fn a_clone_has_no_product_links_and_deleting_an_asset_removes_its_links() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let asset = app.upload_id(&admin, "cap.jpg", fixture("hopper.jpg")).await;
    let cap = product_id(&app, &admin, "CAP-1", "Cap").await;
    assert_eq!(
        change_links(&app, &admin, asset, &[cap], &[]).await.status(),
        StatusCode::OK
    );
    let clone = json(
        app.post(&admin, "/api/manage/clone_asset", &[("asset_id", &asset.to_string())])
            .await,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    assert!(linked_numbers(&app, &admin, clone).await.is_empty());
    let deleted = app
        .post(&admin, "/api/manage/delete_asset", &[("asset_id", &asset.to_string())])
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    let gone = app
        .get(&admin, &format!("/api/view/asset_products?asset_id={asset}"))
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    // The product is still there, with no asset.
    let found: Value = json(app.get(&admin, "/api/view/list_products?filter=search%3DCAP").await).await;
    assert_eq!(found["products"][0]["number"], "CAP-1");
}

#[tokio::test]
async fn a_category_filter_includes_its_subcategories() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let made = app
        .post(
            &admin,
            "/api/catalog/save_catalog",
            &[("code", "main"), ("name", "Main")],
        )
        .await;
    assert_eq!(made.status(), StatusCode::OK);
    let csv = |what: &str, body: &str| {
        admin
            .post(app.url(&format!("/api/catalog/import/{what}")))
            .body(body.to_owned())
            .send()
    };
    let categories = csv(
        "categories",
        "catalog,number,name,parent\nmain,SHOES,Shoes,\nmain,TRAIL,Trail,SHOES\nmain,BAGS,Bags,\n",
    );
    assert_eq!(categories.await.unwrap().status(), StatusCode::OK);
    let products = csv(
        "products",
        "number,name,description,status,categories\nS-1,Trail shoe,,draft,TRAIL\nS-2,Any shoe,,draft,SHOES\nB-1,Bag,,draft,BAGS\n",
    );
    assert_eq!(products.await.unwrap().status(), StatusCode::OK);
    let trees: Value = json(app.get(&admin, "/api/view/list_catalogs").await).await;
    let id_of = |number: &str| {
        trees[0]["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["category"]["number"] == number)
            .unwrap()["category"]["id"]
            .as_i64()
            .unwrap()
    };
    let numbers = |categories: Vec<i64>| {
        let app = &app;
        let admin = &admin;
        let filter: String = categories
            .iter()
            .map(|id| format!("category%3D{id}"))
            .collect::<Vec<_>>()
            .join("%26");
        async move {
            let page: Value = json(
                app.get(admin, &format!("/api/view/list_products?filter={filter}"))
                    .await,
            )
            .await;
            page["products"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["number"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(numbers(vec![id_of("SHOES")]).await, ["S-1", "S-2"]);
    assert_eq!(numbers(vec![id_of("TRAIL")]).await, ["S-1"]);
    assert_eq!(numbers(vec![id_of("TRAIL"), id_of("BAGS")]).await, ["B-1", "S-1"]);
    assert!(
        numbers(vec![999_999]).await.is_empty(),
        "an unknown category matches nothing"
    );
}

#[tokio::test]
async fn a_products_assets_keep_their_link_order_and_managers_reorder_them() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "reader", "dam_read", "password-for-test").await;
    let reader = app.signed_in("reader", "password-for-test").await;
    let product = product_id(&app, &admin, "KIT-1", "Kit").await;
    let mut assets = Vec::new();
    for name in ["front.jpg", "side.png", "back.gif"] {
        let file = match name {
            "front.jpg" => fixture("hopper.jpg"),
            "side.png" => fixture("hopper.png"),
            _ => fixture("hopper.gif"),
        };
        let id = app.upload_id(&admin, name, file).await;
        assert_eq!(
            change_links(&app, &admin, id, &[product], &[]).await.status(),
            StatusCode::OK
        );
        assets.push(id);
    }
    let order = |client: &Client| {
        let (app, client) = (&app, client.clone());
        async move {
            let details: Value = json(
                app.get(&client, &format!("/api/view/product_details?product_id={product}"))
                    .await,
            )
            .await;
            details["assets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|card| card["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        order(&reader).await,
        ["front", "side", "back"],
        "the first linked is the main image"
    );
    let moved = |client: &Client, asset: i64, direction: &str| {
        let (app, client, direction) = (&app, client.clone(), direction.to_owned());
        async move {
            app.post(
                &client,
                "/api/manage/move_product_asset",
                &[
                    ("product_id", &product.to_string()),
                    ("asset_id", &asset.to_string()),
                    ("direction", &direction),
                ],
            )
            .await
            .status()
        }
    };
    assert_eq!(moved(&admin, assets[2], "earlier").await, StatusCode::OK);
    assert_eq!(moved(&admin, assets[2], "earlier").await, StatusCode::OK);
    assert_eq!(order(&admin).await, ["back", "front", "side"]);
    assert_eq!(moved(&reader, assets[1], "earlier").await, StatusCode::FORBIDDEN);
    assert_eq!(order(&admin).await, ["back", "front", "side"]);
}

#[tokio::test]
async fn views_are_each_users_own_saved_filters() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "other", "dam_write", "password-for-test").await;
    let other = app.signed_in("other", "password-for-test").await;
    let saved = app
        .post(
            &admin,
            "/api/view/save_product_view",
            &[
                ("name", "Winter boots"),
                ("query", "search=boot&status=published&after=B-9&category=4"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let views: Value = json(saved).await;
    assert_eq!(views[0]["name"], "Winter boots");
    assert_eq!(
        views[0]["query"], "search=boot&status=published&category=4",
        "only the filters are kept"
    );
    let id = views[0]["id"].as_i64().unwrap().to_string();
    let replaced: Value = json(
        app.post(
            &admin,
            "/api/view/save_product_view",
            &[("name", "Winter boots"), ("query", "search=boot&status=draft")],
        )
        .await,
    )
    .await;
    assert_eq!(
        replaced.as_array().unwrap().len(),
        1,
        "a view of the same name is replaced"
    );
    assert_eq!(replaced[0]["query"], "search=boot&status=draft");
    assert_eq!(replaced[0]["id"].as_i64().unwrap().to_string(), id);

    // One table keeps both pages' views: the Assets page's of the same name is another view, and
    // neither page's functions reach the other's.
    let asset_view = app
        .post(
            &admin,
            "/api/view/save_asset_view",
            &[("name", "Winter boots"), ("query", "q=boot")],
        )
        .await;
    assert!(asset_view.status().is_success(), "{}", asset_view.status());
    let across = app
        .post(&admin, "/api/view/delete_asset_view", &[("view_id", &id)])
        .await;
    assert_eq!(across.status(), StatusCode::NOT_FOUND);
    let asset_views: Value = json(app.get(&admin, "/api/view/asset_views").await).await;
    let asset_view_id = asset_views["mine"][0]["id"].as_i64().unwrap().to_string();
    assert_eq!(asset_views["mine"].as_array().unwrap().len(), 1);
    let across = app
        .post(&admin, "/api/view/delete_product_view", &[("view_id", &asset_view_id)])
        .await;
    assert_eq!(across.status(), StatusCode::NOT_FOUND);

    let theirs: Value = json(app.get(&other, "/api/view/product_views").await).await;
    assert_eq!(theirs, serde_json::json!([]), "another user sees none of them");
    let refused = app
        .post(&other, "/api/view/delete_product_view", &[("view_id", &id)])
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let deleted = app
        .post(&admin, "/api/view/delete_product_view", &[("view_id", &id)])
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert_eq!(json(deleted).await, serde_json::json!([]));
}

#[tokio::test]
async fn select_products_address_is_read_by_the_server_with_its_asset() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let linked = product_id(&app, &admin, "LINK-1", "Linked boot").await;
    product_id(&app, &admin, "LINK-2", "Other boot").await;
    let asset = app.upload_id(&admin, "boot.jpg", fixture("hopper.jpg")).await;
    assert_eq!(
        change_links(&app, &admin, asset, &[linked], &[]).await.status(),
        StatusCode::OK
    );
    let numbers = |endpoint: &'static str, filter: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let response = app
                .get(admin, &format!("/api/view/{endpoint}?asset_id={asset}&filter={filter}"))
                .await;
            assert_eq!(response.status(), StatusCode::OK, "{endpoint}?{filter}");
            let found: Value = json(response).await;
            let products = found.get("products").unwrap_or(&found);
            products
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["number"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        numbers("list_products", "search%3DLINK%26linked%3Dlinked").await,
        ["LINK-1"]
    );
    assert_eq!(
        numbers("list_products", "search%3DLINK%26linked%3Dnot_linked").await,
        ["LINK-2"]
    );
    assert_eq!(numbers("list_products", "search%3DLINK").await, ["LINK-1", "LINK-2"]);
    assert_eq!(
        numbers("matching_products", "search%3DLINK%26linked%3Dnot_linked").await,
        ["LINK-2"]
    );
    let unknown = app
        .get(
            &admin,
            &format!("/api/view/list_products?asset_id={asset}&filter=linked%3Dmaybe"),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(unknown).await.contains("\"maybe\" is not a link filter"));
}
