//! The grid, its counts and its search at a million assets with a skewed, realistic mix
//! (`support::skewed_assets`), through a real damson (release build) over localhost: for each
//! filter alone and in combinations, under every sort, the first and the second page; the Filters
//! panel's counts for each; searches for rare and common words; the server-rendered Assets page
//! with an asset open; a bulk change of 10,000 assets. Each figure is the median and the 95th
//! percentile of `RUNS` requests after one to warm up, beside its goal.
//!
//! `cargo bench --features ssr --bench filters`: on SQLite (`-- bulk`: the bulk change alone;
//! `-- api`: the integration API's list beside the grid's server function, and the token check).
//! With `DAMSON_TEST_POSTGRES` set (`source scripts/services && start_postgres` first): on
//! PostgreSQL.

#[allow(dead_code)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
mod support;

use damson::domain::AssetSort;
use helpers::TestApp;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::time::{Duration, Instant};
use support::skewed_assets::{self, ASSETS};

const RUNS: usize = 20;

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let database = if app.on_postgres() { "PostgreSQL" } else { "SQLite" };
    println!("The grid at {ASSETS} assets, skewed mix (release server, {database})");
    for n in 2..=6 {
        app.create_user(&admin, &format!("user{n}"), "dam_write", "password-for-bench")
            .await;
    }
    categories(&app, &admin).await;
    let db = app.database().await;
    let started = Instant::now();
    skewed_assets::seed(&db).await;
    println!(
        "  seeding:                         {:7.1} s (straight into the database)",
        started.elapsed().as_secs_f64()
    );
    // damson starts again on the loaded database, as after an upgrade.
    let started = Instant::now();
    // The API's side-by-side runs thousands of requests with one token: no rate for it here.
    let app = app.crash_and_restart(&[("DAMSON_API_RATE_LIMIT", "1000000")]).await;
    let (admin, db) = (app.admin().await, app.database().await);
    println!(
        "  damson's start on it:            {:7.1} s (not against a goal)",
        started.elapsed().as_secs_f64()
    );
    let memory = support::peak_rss(&app.pid().to_string()).unwrap_or_default();
    println!(
        "  its memory after the start:      {:7.0} MB (peak resident; not against a goal)",
        support::mb(memory)
    );
    if std::env::args().any(|arg| arg == "bulk") {
        bulk_changes(&app, &admin, &db).await;
        return;
    }
    let filters = filters(&db).await;
    if std::env::args().any(|arg| arg == "api") {
        api_beside_grid(&app, &admin, &filters).await;
        return;
    }
    let mut worst = Worst::default();
    println!("  grid pages of 48, first | second (goal: p95 <= 20 ms)            p50 / p95");
    for sort in AssetSort::ALL {
        for (name, query) in &filters {
            let query = with_sort(query, sort);
            let first = times(|| async { page(&app, &admin, &query, None).await }).await;
            let next = page(&app, &admin, &query, None).await;
            let second = match next {
                Some(cursor) => Some(times(|| async { page(&app, &admin, &query, Some(&cursor)).await }).await),
                None => None,
            };
            worst.page = worst.page.max(first.1).max(second.map_or(Duration::ZERO, |s| s.1));
            println!(
                "    {:<8} {:<34} {} | {}",
                sort.code(),
                name,
                shown(first),
                second.map_or("(one page)".to_owned(), shown)
            );
        }
    }
    println!("  the Filters panel's counts (goal: p95 <= 100 ms, unfiltered <= 30 ms)");
    for (name, query) in &filters {
        let time = times(|| async {
            let response = app
                .get(&admin, &format!("/api/view/filter_counts?filter={}", encode(query)))
                .await;
            assert!(response.status().is_success(), "{query}");
            response.bytes().await.unwrap();
        })
        .await;
        worst.counts = worst.counts.max(time.1);
        println!("    {name:<43} {}", shown(time));
    }
    println!("  search, first page (goal: p95 <= 30 ms)");
    for term in ["zanzibar", "shot", "sh", "w1234", "fam42 ", "item-00012", "summer"] {
        let query = format!("q={}", encode(term));
        let time = times(|| async { page(&app, &admin, &query, None).await }).await;
        worst.search = worst.search.max(time.1);
        println!("    {:<43} {}", format!("\u{201c}{term}\u{201d}"), shown(time));
    }
    println!("  the server-rendered page, with the panel's counts (goal: p95 <= 50 ms)");
    let some_asset = helpers::scalar(&db, "SELECT id FROM assets WHERE code = 'item-0500000'").await;
    for path in [
        "/assets".to_owned(),
        "/assets?type=image&label=summer".to_owned(),
        format!("/assets/{some_asset}"),
        format!("/assets/{some_asset}?label=summer&sort=name"),
    ] {
        let time = times(|| async {
            let response = app.get(&admin, &path).await;
            assert!(response.status().is_success(), "{path}");
            response.bytes().await.unwrap();
        })
        .await;
        worst.rendered = worst.rendered.max(time.1);
        println!("    {path:<43} {}", shown(time));
    }
    println!(
        "  worst p95: page {} (goal 20 ms), counts {} (goal 100 ms), search {} (goal 30 ms), rendered {} (goal 50 ms)",
        ms(worst.page),
        ms(worst.counts),
        ms(worst.search),
        ms(worst.rendered)
    );
    bulk_changes(&app, &admin, &db).await;
}

/// The API's list of the same first page as the grid's server function, each query side by side,
/// and what checking a token adds to a request: a token that passes the check but lacks the
/// scope (refused right after it) against a mistyped one (refused before any look-up).
async fn api_beside_grid(app: &TestApp, admin: &reqwest::Client, filters: &[(&str, String)]) {
    let token = |scope: &'static str| async move {
        let form = [("name", scope), ("lasts_days", "365"), ("scopes[]", scope)];
        let made = app.post(admin, "/api/view/create_api_token", &form).await;
        helpers::json(made).await["secret"].as_str().unwrap().to_owned()
    };
    let (reader, other) = (token("assets:read").await, token("webhooks:manage").await);
    let client = reqwest::Client::new();
    let api = |secret: String, path: String, expected: u16| {
        let request = client.get(app.url(&path)).bearer_auth(secret);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), expected, "{path}");
            response.bytes().await.unwrap();
        }
    };
    println!("  the API's list beside the grid's function, first page of 48 (goal: API p50 <= 1.2 x grid)");
    let mut worst: f64 = 0.0;
    for (name, query) in filters {
        let grid = times(|| async { page(app, admin, query, None).await }).await;
        let path = format!("/api/v1/assets?{query}&limit=48");
        let listed = times(|| api(reader.clone(), path.clone(), 200)).await;
        let ratio = listed.0.as_secs_f64() / grid.0.as_secs_f64();
        worst = worst.max(ratio);
        println!(
            "    {name:<34} grid {} | API {} | {ratio:.2}x",
            shown(grid),
            shown(listed)
        );
    }
    println!("    worst ratio of medians: {worst:.2}x (goal <= 1.20x)");
    let path = "/api/v1/assets?limit=1".to_owned();
    let last = if reader.ends_with('A') { 'B' } else { 'A' };
    let mistyped_secret = format!("{}{last}", &reader[..reader.len() - 1]);
    let mistyped = times(|| api(mistyped_secret.clone(), path.clone(), 401)).await;
    let checked = times(|| api(other.clone(), path.clone(), 403)).await;
    let added = checked.0.saturating_sub(mistyped.0);
    println!(
        "  token check: refused unread {} | checked, then refused {} | adds {:.3} ms (goal < 0.2 ms)",
        shown(mistyped),
        shown(checked),
        added.as_secs_f64() * 1000.0
    );
}

#[derive(Default)]
struct Worst {
    page: Duration,
    counts: Duration,
    search: Duration,
    rendered: Duration,
}

/// The filters measured: each group alone (common, middling and rare values), then combinations.
async fn filters(db: &DatabaseConnection) -> Vec<(&'static str, String)> {
    let category = helpers::scalar(db, "SELECT id FROM categories WHERE number = 'CAT-3'").await;
    let leaf = helpers::scalar(db, "SELECT id FROM categories WHERE number = 'CAT-57'").await;
    vec![
        ("unfiltered", String::new()),
        ("file type: image (55%)", "type=image".to_owned()),
        ("file type: audio (5%)", "type=audio".to_owned()),
        ("availability: public", "availability=public".to_owned()),
        ("published: yes", "published=yes".to_owned()),
        ("published: no", "published=no".to_owned()),
        ("label: summer (9%)", "label=summer".to_owned()),
        ("label: mid-7 (0.2%)", "label=mid-7".to_owned()),
        ("label: tag-42 (rare)", "label=tag-42".to_owned()),
        ("labels: summer or hero", "label=summer&label=hero".to_owned()),
        ("no labels", "no_label=1".to_owned()),
        ("not linked", "linked=no".to_owned()),
        ("a product", "product=P-000042".to_owned()),
        ("a category and its subtree", format!("category={category}")),
        ("a leaf category", format!("category={leaf}")),
        ("added in a month", "from=2025-03-01&to=2025-03-31".to_owned()),
        ("added in two years", "from=2024-06-01&to=2026-05-31".to_owned()),
        ("added in the last 30 days", "added=30d".to_owned()),
        ("added by", "by=3".to_owned()),
        (
            "image, summer, published",
            "type=image&label=summer&published=yes".to_owned(),
        ),
        (
            "automatic, linked, by",
            "availability=automatic&linked=yes&by=2".to_owned(),
        ),
        (
            "video, a month, no labels",
            "type=video&from=2025-03-01&to=2025-03-31&no_label=1".to_owned(),
        ),
        ("search shot, image", "q=shot&type=image".to_owned()),
        (
            "search shot, summer, public",
            "q=shot&label=summer&availability=public".to_owned(),
        ),
        (
            "summer, two years, internal",
            "label=summer&from=2024-06-01&to=2026-05-31&availability=internal".to_owned(),
        ),
    ]
}

async fn categories(app: &TestApp, admin: &reqwest::Client) {
    let made = app
        .post(
            admin,
            "/api/catalog/save_catalog",
            &[("code", "main"), ("name", "Main")],
        )
        .await;
    assert!(made.status().is_success());
    let rows = (0..100).map(|n| {
        let parent = if n < 10 {
            String::new()
        } else {
            format!("CAT-{}", n % 10)
        };
        format!("main,CAT-{n},Category {n},{parent}")
    });
    let csv = std::iter::once("catalog,number,name,parent".to_owned())
        .chain(rows)
        .collect::<Vec<_>>()
        .join("\n");
    let imported = admin
        .post(app.url("/api/catalog/import/categories"))
        .header(reqwest::header::CONTENT_TYPE, "text/csv")
        .body(csv + "\n")
        .send()
        .await
        .unwrap();
    assert!(imported.status().is_success());
}

/// A page of the grid; the cursor of the next one.
async fn page(app: &TestApp, client: &reqwest::Client, query: &str, after: Option<&str>) -> Option<String> {
    let mut path = format!("/api/view/list_assets?filter={}", encode(query));
    if let Some(after) = after {
        path.push_str(&format!("&after={}", encode(after)));
    }
    let response = app.get(client, &path).await;
    assert!(response.status().is_success(), "{query}");
    helpers::json(response).await["next"].as_str().map(str::to_owned)
}

/// A bulk change of 10,000 ticked assets, from its request to the last asset's turn (a job, as
/// for any change of more than a few hundred assets), watched as the page does.
async fn bulk_changes(app: &TestApp, admin: &reqwest::Client, db: &DatabaseConnection) {
    println!("  a bulk change of 10,000 assets, from the request to the end of its job (goal < 10 s)");
    let rows = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM assets ORDER BY id DESC LIMIT 10000",
        ))
        .await
        .unwrap();
    let ids: Vec<String> = rows
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0).unwrap().to_string())
        .collect();
    let selection = format!("ids={}", ids.join(","));
    for (name, action, value) in [
        ("set availability", "set_availability", "internal"),
        ("add a label", "add_labels", "bulk-bench"),
    ] {
        let started = Instant::now();
        let response = app
            .post(
                admin,
                "/api/manage/start_bulk_change",
                &[("selection", &selection), ("action", action), ("value", value)],
            )
            .await;
        assert!(response.status().is_success(), "{action}");
        let id = helpers::json(response).await["id"].as_i64().unwrap();
        let done = loop {
            let report = helpers::json(app.get(admin, &format!("/api/manage/bulk_change_report?id={id}")).await).await;
            let handled: u64 = ["done", "skipped", "failed"]
                .iter()
                .map(|k| report[k].as_u64().unwrap())
                .sum();
            if handled == report["total"].as_u64().unwrap() {
                break report["done"].as_u64().unwrap();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        println!(
            "    {name:<43} {:>6.2} s ({done} done)",
            started.elapsed().as_secs_f64()
        );
    }
}

fn with_sort(query: &str, sort: AssetSort) -> String {
    match (query.is_empty(), sort == AssetSort::default()) {
        (_, true) => query.to_owned(),
        (true, false) => format!("sort={}", sort.code()),
        (false, false) => format!("{query}&sort={}", sort.code()),
    }
}

fn encode(query: &str) -> String {
    form_urlencoded::byte_serialize(query.as_bytes()).collect()
}

fn ms(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}

fn shown((median, p95): (Duration, Duration)) -> String {
    format!("{:>9} / {:>9}", ms(median), ms(p95))
}

/// The median and the 95th percentile of `RUNS` calls, after one to warm up.
async fn times<F, Fut, T>(call: F) -> (Duration, Duration)
where
    F: Fn() -> Fut,
    Fut: Future<Output = T>,
{
    call().await;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        call().await;
        times.push(started.elapsed());
    }
    times.sort();
    (times[RUNS / 2], times[RUNS * 95 / 100 - 1])
}
