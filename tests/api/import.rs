//! CSV imports: rows upserted by number, a report of what happened, and a refused row changes
//! nothing.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, analysed_indexes, error_text, json, scalar};

async fn import(app: &TestApp, client: &Client, what: &str, csv: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/catalog/import/{what}")))
        .header(reqwest::header::CONTENT_TYPE, "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

async fn report(app: &TestApp, client: &Client, what: &str, csv: &str) -> Value {
    let response = import(app, client, what, csv).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

fn counts(report: &Value) -> [u64; 4] {
    ["created", "updated", "unchanged", "refused_count"].map(|key| report[key].as_u64().unwrap())
}

async fn product(app: &TestApp, client: &Client, number: &str) -> Option<Value> {
    let page: Value = json(
        app.get(client, &format!("/api/view/list_products?filter=search%3D{number}"))
            .await,
    )
    .await;
    page["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == number)
        .cloned()
}

#[tokio::test]
async fn categories_then_products_import_with_a_report_of_every_row() {
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

    let categories = "catalog,number,name,parent\n\
                      main,SHOES,Shoes,\n\
                      main,TRAIL,Trail,SHOES\n\
                      nowhere,HATS,Hats,\n\
                      main,ROAD,Road,MISSING\n";
    let result = report(&app, &admin, "categories", categories).await;
    assert_eq!(counts(&result), [2, 0, 0, 2]);
    assert_eq!(result["refused"][0]["line"], 4);
    assert!(
        result["refused"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("no catalog \u{201c}nowhere\u{201d}")
    );
    assert_eq!(result["refused"][1]["line"], 5);

    let products = "number,name,description,status,categories\n\
                    SHOE-1,Trail shoe,\"Light, and \"\"fast\"\"\nfor mud\",published,SHOES|TRAIL\n\
                    SHOE-2,Road shoe,,Draft,\n\
                    SHOE 3,Bad number,,draft,\n\
                    SHOE-4,Unknown category,,draft,SHOES|NOPE\n\
                    SHOE-5,Bad status,,live,\n";
    let result = report(&app, &admin, "products", products).await;
    assert_eq!(counts(&result), [2, 0, 0, 3]);
    let lines: Vec<u64> = result["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [5, 6, 7], "line numbers count the quoted line break");
    assert!(result["refused"][1]["reason"].as_str().unwrap().contains("NOPE"));
    let shoe = product(&app, &admin, "SHOE-1").await.unwrap();
    assert_eq!(shoe["description"], "Light, and \"fast\"\nfor mud");
    assert_eq!(shoe["status"], "published");
    assert!(
        product(&app, &admin, "SHOE-4").await.is_none(),
        "nothing of a refused row is kept"
    );

    // The same file again changes nothing; one changed row is an update.
    let again = report(&app, &admin, "products", products).await;
    assert_eq!(counts(&again), [0, 0, 2, 3]);
    let changed = "number,name,description,status,categories\nSHOE-2,Road shoe,,published,TRAIL\n";
    assert_eq!(counts(&report(&app, &admin, "products", changed).await), [0, 1, 0, 0]);
    assert_eq!(product(&app, &admin, "SHOE-2").await.unwrap()["status"], "published");
    // The same number twice in one file: the later row wins.
    let twice = "number,name,description,status,categories\nHAT-1,Hat,,draft,SHOES\nHAT-1,Sun hat,,published,TRAIL\n";
    assert_eq!(counts(&report(&app, &admin, "products", twice).await), [1, 1, 0, 0]);
    let hat = product(&app, &admin, "HAT-1").await.unwrap();
    assert_eq!(
        (hat["name"].as_str(), hat["status"].as_str()),
        (Some("Sun hat"), Some("published"))
    );
    assert_eq!(hat["categories"], serde_json::json!(["Trail"]));
    // Its category counts as use: the category cannot be deleted now.
    let trees: Value = json(app.get(&admin, "/api/view/list_catalogs").await).await;
    let trail = trees[0]["categories"][1]["category"]["id"].as_i64().unwrap();
    let refused = app
        .post(
            &admin,
            "/api/catalog/delete_category",
            &[("category_id", &trail.to_string())],
        )
        .await;
    assert!(error_text(refused).await.contains("3 products"));
}

#[tokio::test]
async fn a_file_without_the_columns_or_without_permission_is_refused_whole() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let wrong = import(&app, &admin, "products", "sku,title\nA,B\n").await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        error_text(wrong)
            .await
            .contains("description, status, categories missing")
    );

    app.create_user(&admin, "dam", "dam_write", "password-for-test").await;
    let dam = app.signed_in("dam", "password-for-test").await;
    let refused = import(
        &app,
        &dam,
        "products",
        "number,name,description,status,categories\nA-1,A,,,\n",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(product(&app, &admin, "A-1").await.is_none());
    let cross_site = admin
        .post(app.url("/api/catalog/import/products"))
        .header("Origin", "https://evil.example")
        .body("number,name,description,status,categories\nA-2,A,,,\n")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert!(product(&app, &admin, "A-2").await.is_none());
}

/// An import can grow the products tenfold at once: on SQLite the planner's statistics follow
/// when it ends, not an hour later (PostgreSQL's autovacuum keeps its own).
#[tokio::test]
async fn an_import_of_products_brings_their_statistics_up_to_date() {
    let app = TestApp::spawn().await;
    if app.on_postgres() {
        return;
    }
    let admin = app.admin().await;
    let db = app.database().await;
    assert_eq!(analysed_indexes(&db, "products").await, 0, "no product at the start");

    let rows: String = (0..500).map(|n| format!("P-{n:04},Product {n},,draft,\n")).collect();
    let imported = report(
        &app,
        &admin,
        "products",
        &format!("number,name,description,status,categories\n{rows}"),
    )
    .await;
    assert_eq!(counts(&imported), [500, 0, 0, 0]);
    let indexes = scalar(&db, "SELECT COUNT(*) FROM pragma_index_list('products')").await;
    assert!(indexes > 0);
    assert_eq!(analysed_indexes(&db, "products").await, indexes);
}
