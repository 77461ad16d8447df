//! Products and categories at scale, through a real damson (release build): 10,000 categories and
//! 100,000 products imported as CSV (the import timed), then 1,000,000 assets and 1,000,000
//! product links seeded straight into the database. Then, each the median of 25 requests over
//! localhost: the Select products search by number prefix and by name substring, a category
//! filter, a static link of an Automatic asset, and a Save linking 100 products.
//!
//! `cargo bench --features ssr --bench catalog`: on SQLite. With `DAMSON_TEST_POSTGRES` set
//! (`source scripts/services && start_postgres` first): on PostgreSQL.

#[allow(dead_code)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
mod support;

use helpers::{TestApp, fixture};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::Value;
use std::time::{Duration, Instant};

const CATALOGS: usize = 10;
const TOP_PER_CATALOG: usize = 100;
const CHILDREN_PER_TOP: usize = 9;
const PRODUCTS: usize = 100_000;
const ASSETS: usize = 1_000_000;
const RUNS: usize = 25;
const WORDS: [&str; 10] = [
    "blue", "trail", "winter", "road", "light", "leather", "canvas", "merino", "storm", "urban",
];
const THINGS: [&str; 5] = ["shoe", "boot", "cap", "bag", "jacket"];

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let database = if app.on_postgres() { "PostgreSQL" } else { "SQLite" };
    println!("Products and categories at scale (release server, {database})");

    for catalog in 0..CATALOGS {
        let made = app
            .post(
                &admin,
                "/api/catalog/save_catalog",
                &[
                    ("code", &format!("cat{catalog}")),
                    ("name", &format!("Catalog {catalog}")),
                ],
            )
            .await;
        assert!(made.status().is_success());
    }
    let started = Instant::now();
    let report = import(&app, &admin, "categories", categories_csv()).await;
    assert_eq!(report["created"], CATALOGS * TOP_PER_CATALOG * (1 + CHILDREN_PER_TOP));
    println!(
        "  import of {} categories:            {:7.1} s",
        CATALOGS * TOP_PER_CATALOG * (1 + CHILDREN_PER_TOP),
        started.elapsed().as_secs_f64()
    );
    let pid = app.pid().to_string();
    let rss_before = support::peak_rss(&pid).unwrap();
    let csv = products_csv();
    let size = csv.len() as u64;
    let started = Instant::now();
    let report = import(&app, &admin, "products", csv).await;
    assert_eq!(report["created"], PRODUCTS, "{report}");
    println!(
        "  import of {PRODUCTS} products:             {:7.1} s (goal < 30 s)",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  server peak RSS growth during it:   {:7.1} MB (the file is {:.1} MB)",
        support::mb(support::peak_rss(&pid).unwrap().saturating_sub(rss_before)),
        support::mb(size)
    );

    let started = Instant::now();
    seed_assets_and_links(&app).await;
    println!(
        "  seeding {ASSETS} assets and {ASSETS} links: {:7.1} s (straight into the database, not measured against a goal)",
        started.elapsed().as_secs_f64()
    );
    // damson starts again on the grown database: on SQLite it brings the planner's statistics up
    // to date before serving (`db::keep_statistics`).
    let app = app.crash_and_restart(&[]).await;
    let admin = app.admin().await;

    let asset = app.upload_id(&admin, "bench-boot.jpg", fixture("hopper.jpg")).await;
    let published = product_id(&app, &admin, "P-000003").await;
    let linked = app
        .post(
            &admin,
            "/api/manage/change_asset_products",
            &[
                ("asset_id", &asset.to_string()),
                ("assign", &published.to_string()),
                ("unassign", ""),
            ],
        )
        .await;
    assert!(linked.status().is_success());
    let links: Value = helpers::json(
        app.post(&admin, "/api/view/copy_links", &[("asset_id", &asset.to_string())])
            .await,
    )
    .await;
    let static_link = links["static_link"].as_str().unwrap().to_owned();

    let top_category = category_id(&app, &admin, "C-3-0").await;
    let page = |query: String| {
        let (app, admin) = (&app, &admin);
        move || {
            let query = query.clone();
            async move {
                let response = app
                    .get(
                        admin,
                        &format!("/api/view/list_products?asset_id={asset}&filter={query}"),
                    )
                    .await;
                assert!(response.status().is_success());
                let page: Value = response.json().await.unwrap();
                assert!(
                    !page["products"].as_array().unwrap().is_empty(),
                    "{query} finds products"
                );
            }
        }
    };
    report_line(
        "search by number prefix \"P-0421\"",
        median(page("search%3DP-0421".into())).await,
    );
    report_line(
        "search by name substring \"merino\"",
        median(page("search%3Dmerino".into())).await,
    );
    report_line(
        "category filter (a top category and its 9 subcategories)",
        median(page(format!("category%3D{top_category}"))).await,
    );
    let stranger = reqwest::Client::new();
    report_line(
        "static link of an Automatic asset",
        median(|| {
            let (stranger, url) = (&stranger, &static_link);
            async move {
                let response = stranger.get(url).send().await.unwrap();
                assert!(response.status().is_success());
                response.bytes().await.unwrap();
            }
        })
        .await,
    );
    let hundred: Vec<String> = (0..100).map(|n| (1000 + n * 7).to_string()).collect();
    let hundred = hundred.join(",");
    let mut assign = true;
    let mut save_times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (add, remove) = if assign {
            (hundred.as_str(), "")
        } else {
            ("", hundred.as_str())
        };
        let started = Instant::now();
        let response = app
            .post(
                &admin,
                "/api/manage/change_asset_products",
                &[("asset_id", &asset.to_string()), ("assign", add), ("unassign", remove)],
            )
            .await;
        save_times.push(started.elapsed());
        assert!(response.status().is_success());
        assign = !assign;
    }
    save_times.sort();
    report_line("a Save linking (or unlinking) 100 products", save_times[RUNS / 2]);
}

fn report_line(what: &str, time: Duration) {
    println!("  {what:<58} {:7.2} ms (goal < 20 ms)", time.as_secs_f64() * 1000.0);
}

/// The median time of `RUNS` calls, after one to warm up.
async fn median<F, Fut>(call: F) -> Duration
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()>,
{
    call().await;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        call().await;
        times.push(started.elapsed());
    }
    times.sort();
    times[RUNS / 2]
}

async fn import(app: &TestApp, client: &reqwest::Client, what: &str, csv: String) -> Value {
    let response = client
        .post(app.url(&format!("/api/catalog/import/{what}")))
        .header(reqwest::header::CONTENT_TYPE, "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    response.json().await.unwrap()
}

/// Catalog `c` has top categories `C-c-t`, each with children `C-c-t-k`.
fn categories_csv() -> String {
    let mut csv = String::from("catalog,number,name,parent\n");
    for catalog in 0..CATALOGS {
        for top in 0..TOP_PER_CATALOG {
            csv.push_str(&format!("cat{catalog},C-{catalog}-{top},Top {top},\n"));
            for child in 0..CHILDREN_PER_TOP {
                csv.push_str(&format!(
                    "cat{catalog},C-{catalog}-{top}-{child},Child {child},C-{catalog}-{top}\n"
                ));
            }
        }
    }
    csv
}

/// `P-000001`… named "word thing n", a third published, each in one child category.
fn products_csv() -> String {
    let mut csv = String::from("number,name,description,status,categories\n");
    for n in 1..=PRODUCTS {
        let (word, thing) = (WORDS[n % WORDS.len()], THINGS[n % THINGS.len()]);
        let status = if n % 3 == 0 { "published" } else { "draft" };
        let category = format!(
            "C-{}-{}-{}",
            n % CATALOGS,
            (n / CATALOGS) % TOP_PER_CATALOG,
            n % CHILDREN_PER_TOP
        );
        csv.push_str(&format!("P-{n:06},{word} {thing} {n},,{status},{category}\n"));
    }
    csv
}

/// A million assets (no file: they stand for the catalogue's size) and a million product links.
async fn seed_assets_and_links(app: &TestApp) {
    let db = app.database().await;
    let backend = db.get_database_backend();
    let padded = match backend {
        DatabaseBackend::Postgres => "lpad(i::text, 7, '0')",
        _ => "printf('%07d', i)",
    };
    let run = |sql: String| {
        let db = &db;
        async move {
            db.execute(Statement::from_string(backend, sql)).await.unwrap();
        }
    };
    run(format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ASSETS}) \
         INSERT INTO assets (code, name, description, availability, current_version_id, revision, name_sort, \
         file_size, static_token, created_at, created_by, updated_at) \
         SELECT 'filler-' || {padded}, 'Filler ' || {padded}, '', 'automatic', NULL, 1, 'filler ' || {padded}, \
         0, NULL, '2026-11-23 00:00:00+00:00', 1, '2026-11-23 00:00:00+00:00' FROM n"
    ))
    .await;
    run(format!(
        "INSERT INTO product_assets (product_id, asset_id, position) \
         SELECT (SELECT MIN(id) FROM products) + (a.id % {PRODUCTS}), a.id, CAST(a.id / {PRODUCTS} AS INTEGER) \
         FROM assets a WHERE a.code LIKE 'filler-%'"
    ))
    .await;
    // What autovacuum soon does after such a load on PostgreSQL; on SQLite it is damson's to do.
    if backend == DatabaseBackend::Postgres {
        run("ANALYZE".into()).await;
    }
}

async fn product_id(app: &TestApp, client: &reqwest::Client, number: &str) -> i64 {
    let page: Value = helpers::json(
        app.get(client, &format!("/api/view/list_products?filter=search%3D{number}"))
            .await,
    )
    .await;
    page["products"][0]["id"].as_i64().unwrap()
}

async fn category_id(app: &TestApp, client: &reqwest::Client, number: &str) -> i64 {
    let trees: Value = helpers::json(app.get(client, "/api/view/list_catalogs").await).await;
    trees
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|tree| tree["categories"].as_array().unwrap().iter())
        .find(|entry| entry["category"]["number"] == number)
        .unwrap()["category"]["id"]
        .as_i64()
        .unwrap()
}
