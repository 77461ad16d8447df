//! The Filters panel: search, every filter group alone and combined, the counts beside each value,
//! and the Recently updated order.

use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;
use std::collections::BTreeSet;
use time::macros::datetime;

use damson::domain::{AssetFilter, AssetSort, Cursor};
use damson::server::{db::entities::asset, search::Search};

use crate::helpers::{TestApp, analysed_indexes, error_text, fixture, json, scalar};

fn encoded(query: &str) -> String {
    form_urlencoded::byte_serialize(query.as_bytes()).collect()
}

/// The ids of every asset the grid shows for this URL query, all pages.
async fn matching(app: &TestApp, client: &Client, query: &str) -> BTreeSet<i64> {
    let mut ids = BTreeSet::new();
    let mut after = String::new();
    loop {
        let url = format!(
            "/api/view/list_assets?filter={}&after={}",
            encoded(query),
            encoded(&after)
        );
        let response = app.get(client, &url).await;
        assert_eq!(response.status(), StatusCode::OK, "{query}: {:?}", app.logged_trouble());
        let page: Value = json(response).await;
        ids.extend(
            page["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap()),
        );
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return ids,
        }
    }
}

async fn counts(app: &TestApp, client: &Client, query: &str) -> Value {
    let response = app
        .get(client, &format!("/api/view/filter_counts?filter={}", encoded(query)))
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{query}: {:?}", app.logged_trouble());
    json(response).await
}

fn set(ids: &[i64]) -> BTreeSet<i64> {
    ids.iter().copied().collect()
}

/// The URL keys of each filter group, as the counts name their values.
const GROUP_KEYS: [&[&str]; 8] = [
    &["type"],
    &["availability"],
    &["published"],
    &["label", "no_label"],
    &["linked", "product"],
    &["category"],
    &["added", "from", "to"],
    &["by"],
];

/// Every count beside every value equals what the grid shows with that value ticked, the value's
/// own group left out.
async fn assert_counts_match_the_grid(app: &TestApp, client: &Client, query: &str) {
    let facets = counts(app, client, query).await;
    assert_eq!(
        facets["total"].as_u64().unwrap() as usize,
        matching(app, client, query).await.len(),
        "{query}"
    );
    for group in facets["groups"].as_array().unwrap() {
        for value in group["values"].as_array().unwrap() {
            let key = value["key"].as_str().unwrap();
            let keys = GROUP_KEYS.iter().find(|keys| keys.contains(&key)).unwrap();
            let mut others: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .collect();
            others.push((key.to_owned(), value["value"].as_str().unwrap().to_owned()));
            let ticked = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(others)
                .finish();
            assert_eq!(
                value["count"].as_u64().unwrap() as usize,
                matching(app, client, &ticked).await.len(),
                "count of {key}={} under {query}",
                value["value"]
            );
        }
    }
}

struct Shelf {
    hero: i64,
    superhero: i64,
    spec: i64,
    plain: i64,
    dam_user: i64,
    trail: i64,
    shoes: i64,
    /// The published product SHOE-1, which the PDF is linked to.
    shoe: String,
}

/// Four assets: a public red "hero" photo, a blue "superhero_shot" photo added by another user
/// and put in the Trail category, a PDF linked to a published product, and a plain GIF.
async fn shelf(app: &TestApp, admin: &Client) -> Shelf {
    let dam_user = app.create_user(admin, "dam", "dam_write", "password-for-test").await;
    let dam = app.signed_in("dam", "password-for-test").await;
    let hero = app.upload_id(admin, "hero.jpg", fixture("hopper.jpg")).await;
    let superhero = app.upload_id(&dam, "superhero_shot.png", fixture("hopper.png")).await;
    let spec = app
        .upload_id(admin, "qoi-specification.pdf", fixture("qoi-specification.pdf"))
        .await;
    let plain = app.upload_id(admin, "plain.gif", fixture("hopper.gif")).await;
    app.save_details(
        admin,
        hero,
        &[
            ("labels", "red"),
            ("description", "Summer \"campaign\""),
            ("availability", "public"),
        ],
    )
    .await;
    app.save_details(
        admin,
        superhero,
        &[
            ("labels", "blue"),
            ("description", "Now 50%_off"),
            ("availability", "internal"),
        ],
    )
    .await;

    let product: Value = json(
        app.post(
            admin,
            "/api/catalog/save_product",
            &[("number", "SHOE-1"), ("name", "Shoe"), ("description", "")],
        )
        .await,
    )
    .await;
    let product = product["id"].as_i64().unwrap().to_string();
    let published = app
        .post(
            admin,
            "/api/catalog/set_product_status",
            &[("product_id", &product), ("status", "published")],
        )
        .await;
    assert_eq!(published.status(), StatusCode::OK);
    let linked = app
        .post(
            admin,
            "/api/manage/change_asset_products",
            &[("asset_id", &spec.to_string()), ("assign", &product), ("unassign", "")],
        )
        .await;
    assert_eq!(linked.status(), StatusCode::OK);

    let catalog: Value = json(
        app.post(
            admin,
            "/api/catalog/save_catalog",
            &[("code", "main"), ("name", "Main")],
        )
        .await,
    )
    .await;
    let catalog = catalog["catalog"]["id"].as_i64().unwrap().to_string();
    let category = |parent: Option<i64>, number: &'static str| {
        let catalog = catalog.clone();
        async move {
            let parent = parent.map(|p| p.to_string()).unwrap_or_default();
            let saved: Value = json(
                app.post(
                    admin,
                    "/api/catalog/save_category",
                    &[
                        ("catalog_id", &catalog),
                        ("parent_id", &parent),
                        ("number", number),
                        ("name", number),
                    ],
                )
                .await,
            )
            .await;
            saved["categories"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["category"]["number"] == number)
                .and_then(|c| c["category"]["id"].as_i64())
                .unwrap_or_else(|| panic!("category {number}: {saved}"))
        }
    };
    let shoes = category(None, "SHOES").await;
    let trail = category(Some(shoes), "TRAIL").await;
    let put = app
        .post(
            admin,
            "/api/manage/change_asset_categories",
            &[("asset_id", &superhero.to_string()), ("chosen[]", &trail.to_string())],
        )
        .await;
    assert_eq!(put.status(), StatusCode::OK);
    Shelf {
        hero,
        superhero,
        spec,
        plain,
        dam_user,
        trail,
        shoes,
        shoe: product,
    }
}

#[tokio::test]
async fn the_search_finds_substrings_in_every_field_in_any_case() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    for (search, expected, field) in [
        ("hero", set(&[s.hero, s.superhero]), "name and code"),
        ("HeRo", set(&[s.hero, s.superhero]), "any case"),
        ("campaign", set(&[s.hero]), "description"),
        ("\"camp", set(&[s.hero]), "a quote is a plain character"),
        ("blu", set(&[s.superhero]), "labels"),
        ("50%_", set(&[s.superhero]), "% and _ are plain characters"),
        (".pdf", set(&[s.spec]), "file name"),
        ("ot", set(&[s.superhero]), "two characters"),
        ("zebra", set(&[]), "nothing"),
    ] {
        let query = format!("q={}", encoded(search));
        assert_eq!(matching(&app, &admin, &query).await, expected, "{search}: {field}");
    }
    assert_eq!(
        matching(&app, &admin, "q=h").await.len(),
        4,
        "one character does not filter"
    );
}

#[tokio::test]
async fn each_group_filters_alone_and_groups_combine_with_and() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let cases: Vec<(String, BTreeSet<i64>)> = vec![
        ("type=document".into(), set(&[s.spec])),
        (
            "type=image&type=document".into(),
            set(&[s.hero, s.superhero, s.spec, s.plain]),
        ),
        ("availability=internal".into(), set(&[s.superhero])),
        ("published=yes".into(), set(&[s.hero, s.spec])),
        ("published=no".into(), set(&[s.superhero, s.plain])),
        ("label=red&label=blue".into(), set(&[s.hero, s.superhero])),
        ("no_label=1".into(), set(&[s.spec, s.plain])),
        ("label=red&no_label=1".into(), set(&[s.hero, s.spec, s.plain])),
        ("linked=yes".into(), set(&[s.spec])),
        ("linked=no".into(), set(&[s.hero, s.superhero, s.plain])),
        ("product=SHOE-1".into(), set(&[s.spec])),
        (format!("category={}", s.shoes), set(&[s.superhero])),
        (format!("category={}", s.trail), set(&[s.superhero])),
        (
            format!("to={}", day(today)),
            set(&[s.hero, s.superhero, s.spec, s.plain]),
        ),
        (format!("from={}", day(today.next_day().unwrap())), set(&[])),
        (format!("to={}", day(today.previous_day().unwrap())), set(&[])),
        ("added=today".into(), set(&[s.hero, s.superhero, s.spec, s.plain])),
        (format!("by={}", s.dam_user), set(&[s.superhero])),
        (
            "type=image&label=red&label=blue&availability=public".into(),
            set(&[s.hero]),
        ),
        ("q=hero&published=no".into(), set(&[s.superhero])),
    ];
    for (query, expected) in cases {
        assert_eq!(matching(&app, &admin, &query).await, expected, "{query}");
    }
    let refused = app.get(&admin, "/api/view/list_assets?filter=type%3Dhologram").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = error_text(refused).await;
    assert!(message.contains("hologram"), "{message}");
}

#[tokio::test]
async fn every_count_matches_what_ticking_its_value_shows() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    assert_counts_match_the_grid(&app, &admin, "").await;
    assert_counts_match_the_grid(&app, &admin, "type=image&label=blue").await;
    assert_counts_match_the_grid(&app, &admin, &format!("q=hero&category={}&linked=no", s.shoes)).await;
    let unfiltered = counts(&app, &admin, "").await;
    let types = &unfiltered["groups"][0]["values"];
    let image = types
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "image")
        .unwrap();
    assert_eq!(image["count"], 3, "hero, superhero_shot and plain are images");
    let by = unfiltered["groups"].as_array().unwrap().last().unwrap()["values"].clone();
    assert!(
        by.as_array()
            .unwrap()
            .iter()
            .any(|v| v["label"] == "dam" && v["count"] == 1),
        "{by}"
    );
}

/// A value's count in a group of the counts.
fn count_of(facets: &Value, key: &str, value: &str) -> u64 {
    facets["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| group["values"].as_array().unwrap())
        .find(|v| v["key"] == key && v["value"] == value)
        .unwrap_or_else(|| panic!("no {key}={value} in {facets}"))["count"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn counts_follow_a_products_status_and_combine_every_kind_of_group() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    for query in [
        "published=yes&availability=automatic".to_owned(),
        format!("no_label=1&linked=no&by={}", s.dam_user),
        "type=document&published=yes&added=30d".to_owned(),
        "label=red&label=blue&published=no&type=image".to_owned(),
        "product=SHOE-1&linked=no&type=image&type=document".to_owned(),
        format!("category={}&no_label=1&label=blue&availability=internal", s.shoes),
    ] {
        assert_counts_match_the_grid(&app, &admin, &query).await;
    }
    let before = counts(&app, &admin, "").await;
    assert_eq!(
        [
            count_of(&before, "published", "yes"),
            count_of(&before, "published", "no")
        ],
        [2, 2],
        "the Public hero and the PDF of a published product are published"
    );
    let drafted = app
        .post(
            &admin,
            "/api/catalog/set_product_status",
            &[("product_id", &s.shoe), ("status", "draft")],
        )
        .await;
    assert_eq!(drafted.status(), StatusCode::OK);
    let after = counts(&app, &admin, "").await;
    assert_eq!(
        [
            count_of(&after, "published", "yes"),
            count_of(&after, "published", "no")
        ],
        [1, 3],
        "the PDF's only product is a draft now"
    );
    assert_eq!(matching(&app, &admin, "published=no").await.len(), 3);
    assert_counts_match_the_grid(&app, &admin, "published=no&linked=yes").await;
}

/// The unfiltered grid's counts, and those of facts alone, come from counts kept as assets
/// change: they must follow labels added and removed, availability set, a deletion and a new
/// asset, before and after the kept rows are summed up.
#[tokio::test]
async fn counts_follow_every_kind_of_change() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    let hero_and_plain = format!("ids={},{}", s.hero, s.plain);
    let spec_and_plain = format!("ids={},{}", s.spec, s.plain);
    for (selection, action, value) in [
        (&hero_and_plain, "add_labels", "green"),
        (&hero_and_plain, "remove_labels", "red"),
        (&spec_and_plain, "set_availability", "internal"),
    ] {
        let changed = app
            .post(
                &admin,
                "/api/manage/start_bulk_change",
                &[("selection", selection), ("action", action), ("value", value)],
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK, "{action}");
    }
    let deleted = app
        .post(
            &admin,
            "/api/manage/delete_asset",
            &[("asset_id", &s.superhero.to_string())],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    app.upload_id(&admin, "late.png", fixture("hopper.png")).await;
    // The same counts from this instance, which made the changes, and from one started afresh
    // on the same data, which builds its index from the database.
    counts_after_the_changes(&app, &admin).await;
    let restarted = app.crash_and_restart(&[]).await;
    counts_after_the_changes(&restarted, &restarted.admin().await).await;
}

async fn counts_after_the_changes(app: &TestApp, admin: &Client) {
    let all = counts(app, admin, "").await;
    assert_eq!(all["total"], 4, "hero, PDF, GIF and the new PNG");
    assert_eq!(count_of(&all, "label", "green"), 2);
    assert_eq!(count_of(&all, "availability", "internal"), 2);
    assert_eq!(count_of(&all, "type", "image"), 3);
    for query in [
        "",
        "type=image",
        "availability=internal&no_label=1",
        "published=no&linked=no",
    ] {
        assert_counts_match_the_grid(app, admin, query).await;
    }
}

async fn order(app: &TestApp, admin: &Client) -> Vec<i64> {
    let page: Value = json(app.get(admin, "/api/view/list_assets?filter=sort%3Dupdated").await).await;
    page["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn recently_updated_puts_edits_and_new_links_first() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    app.save_details(&admin, s.plain, &[("description", "edited")]).await;
    assert_eq!(order(&app, &admin).await[0], s.plain, "an edit counts");
    let put = app
        .post(
            &admin,
            "/api/manage/change_asset_categories",
            &[("asset_id", &s.hero.to_string()), ("chosen[]", &s.trail.to_string())],
        )
        .await;
    assert_eq!(put.status(), StatusCode::OK);
    assert_eq!(order(&app, &admin).await[0], s.hero, "a link counts");
}

/// Every page of `limit` cards, walked by cursor straight through the server's own paging.
async fn walked(db: &sea_orm::DatabaseConnection, query: &str, limit: usize) -> Vec<i64> {
    let filter = AssetFilter::from_query(query).unwrap();
    let search = Search::load(db).await.unwrap();
    let mut ids = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = search.page(db, &filter, after.as_ref(), limit).await.unwrap();
        ids.extend(page.ids.iter().map(|id| id.0));
        match page.next {
            Some(next) => after = Some(Cursor::decode(&next.encode()).unwrap()),
            None => return ids,
        }
    }
}

#[tokio::test]
async fn pages_of_one_card_walk_the_same_assets_in_the_same_order_as_one_page() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let s = shelf(&app, &admin).await;
    let db = app.database().await;
    let mut unfiltered = Vec::new();
    for sort in AssetSort::ALL {
        unfiltered.push(walked(&db, &format!("sort={}", sort.code()), 48).await);
    }
    for filter in [
        "",
        "q=hero",
        "q=HERO&type=image",
        "type=image&type=document",
        "no_label=1",
        "published=no&linked=no",
        &format!("by={}&type=image", s.dam_user),
        &format!("by={}&q=shot", s.dam_user),
        // Narrow filters, their matches sorted at once; with no_label, looked for in order first.
        "label=red",
        "label=red&no_label=1",
        "from=2000-01-01&type=image",
        "from=2000-01-01&label=red&published=yes",
    ] {
        for (sort, everything) in AssetSort::ALL.into_iter().zip(&unfiltered) {
            let query = format!("{filter}&sort={}", sort.code());
            // A page of one card has its next asset among the assets in order; a page of 48
            // does not, and asks the filter's indexes. A filter of a few facts reads key by key.
            let one_page = walked(&db, &query, 48).await;
            assert_eq!(walked(&db, &query, 1).await, one_page, "{query}");
            let kept = one_page.iter().copied().collect::<BTreeSet<_>>();
            assert_eq!(kept, matching(&app, &admin, &query).await, "{query}");
            // In the order of the unfiltered grid, however the filter was read.
            let in_order: Vec<i64> = everything.iter().copied().filter(|id| kept.contains(id)).collect();
            assert_eq!(one_page, in_order, "{query}");
        }
    }
    assert_eq!(walked(&db, "q=hero&sort=name", 1).await, [s.hero, s.superhero]);
}

/// damson keeps SQLite's planner statistics itself (PostgreSQL's autovacuum keeps its own):
/// assets written straight into the database, as an import or an upgrade leaves them, have every
/// index of their table analysed when it starts again.
#[tokio::test]
async fn a_start_gathers_the_statistics_of_the_assets_it_finds() {
    let app = TestApp::spawn().await;
    if app.on_postgres() {
        return;
    }
    let db = app.database().await;
    added_over_days(&db, 2_000, 20).await;
    let indexes = scalar(&db, "SELECT COUNT(*) FROM pragma_index_list('assets')").await;
    assert!(indexes >= 5, "{indexes} indexes on assets");
    assert_eq!(
        analysed_indexes(&db, "assets").await,
        0,
        "an empty table at the first start"
    );

    let _restarted = app.crash_and_restart(&[]).await;
    assert_eq!(
        analysed_indexes(&db, "assets").await,
        indexes,
        "every index, after a start"
    );
    let rows = scalar(
        &db,
        "SELECT MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'assets'",
    )
    .await;
    assert!((1_000..=4_000).contains(&rows), "about 2,000 assets: {rows}");
}

/// Latest and Oldest follow the time added, not the order assets were written in. A range of
/// days with too many assets to sort at once, far from the newest and the oldest, pages from its
/// own first days in either order.
#[tokio::test]
async fn latest_and_oldest_follow_the_time_added_even_for_days_far_from_either_end() {
    let app = TestApp::spawn().await;
    let db = app.database().await;
    let days = (
        datetime!(2020-02-01 00:00 UTC),
        // The filter's end day is included: up to the next midnight.
        datetime!(2020-07-01 00:00 UTC),
    );
    added_over_days(&db, 12_000, 300).await;
    for query in [
        "sort=latest",
        "sort=oldest",
        "from=2020-02-01&to=2020-06-30&sort=latest",
        "from=2020-02-01&to=2020-06-30&sort=oldest",
    ] {
        let days = query.contains("from").then_some(days);
        assert_pages_follow_the_table(&db, query, days).await;
    }
}

#[tokio::test]
async fn recently_updated_keeps_its_order_for_days_that_ended_before_the_latest_updates() {
    let app = TestApp::spawn().await;
    let db = app.database().await;
    // 12,000 assets added over 300 days from 2020-01-01 (more than a narrow filter keeps in the
    // days below), one in 25 edited 40 days after.
    added_day_by_day(&db, 12_000, 300).await;
    edited_40_days_after(&db, 25).await;
    // And the last asset of August 31 (added at noon) edited half an hour after midnight: less
    // than a day later, but on the next day, after the end of the days below.
    let (after_midnight, midnight) = if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        (
            "timestamptz '2020-09-01 00:30:00+00'",
            "timestamptz '2020-09-01 00:00:00+00'",
        )
    } else {
        ("'2020-09-01T00:30:00Z'", "'2020-09-01T00:00:00Z'")
    };
    db.execute_unprepared(&format!(
        "UPDATE assets SET updated_at = {after_midnight} \
         WHERE id = (SELECT MAX(id) FROM assets WHERE created_at < {midnight})"
    ))
    .await
    .unwrap();
    for (query, days) in [
        // The days that ended before the latest updates: some edited since come first, then the
        // rest of the days' assets, updated before their end.
        (
            "from=2020-01-01&to=2020-08-31",
            (datetime!(2020-01-01 00:00 UTC), datetime!(2020-09-01 00:00 UTC)),
        ),
        (
            "to=2020-08-31",
            (datetime!(2019-01-01 00:00 UTC), datetime!(2020-09-01 00:00 UTC)),
        ),
        // Fewer assets than were added since the days ended.
        (
            "from=2020-08-01&to=2020-08-31",
            (datetime!(2020-08-01 00:00 UTC), datetime!(2020-09-01 00:00 UTC)),
        ),
    ] {
        assert_pages_follow_the_table(&db, &format!("{query}&sort=updated"), Some(days)).await;
    }
}

#[tokio::test]
async fn name_size_and_recently_updated_keep_their_order_for_some_days_far_from_their_first_assets() {
    let app = TestApp::spawn().await;
    let db = app.database().await;
    // 15,000 assets over 100 days from 2020-01-01 (150 a day); those of the last 50 days named and
    // sized after all the others; one every 15 days (2,250 assets, more than the window of a page
    // looks through) edited 40 days after it was added.
    added_day_by_day(&db, 15_000, 100).await;
    db.execute_unprepared(
        "UPDATE assets SET name_sort = 'z ' || name_sort, file_size = id % 1000 \
         WHERE code LIKE 'dated-%' AND file_size > 7500",
    )
    .await
    .unwrap();
    edited_40_days_after(&db, 2_250).await;
    // 7,500 assets, more than a narrow filter keeps, none among the first names and sizes.
    let days = (datetime!(2020-02-20 00:00 UTC), datetime!(2020-04-10 00:00 UTC));
    for query in [
        "from=2020-02-20&to=2020-04-09",
        "from=2020-02-20&to=2020-04-09&type=image",
    ] {
        for sort in [AssetSort::Name, AssetSort::Size] {
            assert_pages_follow_the_table(&db, &format!("{query}&sort={}", sort.code()), Some(days)).await;
        }
    }
    // 6,000 assets, as many as were added since, so not read by walking the updated times down to
    // their end; three of them edited, each far from the next in the order of the time updated.
    let days = (datetime!(2020-01-21 00:00 UTC), datetime!(2020-03-01 00:00 UTC));
    for query in [
        "from=2020-01-21&to=2020-02-29&sort=updated",
        "from=2020-01-21&to=2020-02-29&type=image&sort=updated",
    ] {
        assert_pages_follow_the_table(&db, query, Some(days)).await;
    }
}

#[tokio::test]
async fn the_added_presets_count_the_assets_of_their_days() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let db = app.database().await;
    let now = time::OffsetDateTime::now_utc();
    for (name, days_ago) in [
        ("today.jpg", 0),
        ("three.jpg", 3),
        ("twenty.jpg", 20),
        ("forty.jpg", 40),
    ] {
        let id = app.upload_id(&admin, name, fixture("hopper.jpg")).await;
        asset::Entity::update_many()
            .col_expr(
                asset::Column::CreatedAt,
                sea_orm::sea_query::Expr::value(now - time::Duration::days(days_ago)),
            )
            .filter(asset::Column::Id.eq(id))
            .exec(&db)
            .await
            .unwrap();
    }
    let facets = counts(&app, &admin, "").await;
    let added: Vec<(String, u64)> = facets["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| group["values"].as_array().unwrap())
        .filter(|value| value["key"] == "added")
        .map(|value| {
            (
                value["value"].as_str().unwrap().to_owned(),
                value["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        added,
        [("today".to_owned(), 1), ("7d".to_owned(), 2), ("30d".to_owned(), 3)]
    );
    assert_counts_match_the_grid(&app, &admin, "").await;
    assert_counts_match_the_grid(&app, &admin, "type=image&from=2000-01-01").await;
}

/// The first pages of `query`, in pages of 48 and of 1, hold the first assets in its order read
/// straight from the table, among those added within `days` (from, before) when given.
async fn assert_pages_follow_the_table(
    db: &sea_orm::DatabaseConnection,
    query: &str,
    days: Option<(time::OffsetDateTime, time::OffsetDateTime)>,
) {
    let filter = AssetFilter::from_query(query).unwrap();
    let mut expected = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset::Column::CurrentVersionId.is_not_null());
    if let Some((from, before)) = days {
        expected = expected
            .filter(asset::Column::CreatedAt.gte(from))
            .filter(asset::Column::CreatedAt.lt(before));
    }
    let (column, order) = match filter.sort {
        AssetSort::Latest => (asset::Column::CreatedAt, Order::Desc),
        AssetSort::Oldest => (asset::Column::CreatedAt, Order::Asc),
        AssetSort::Name => (asset::Column::NameSort, Order::Asc),
        AssetSort::Size => (asset::Column::FileSize, Order::Desc),
        AssetSort::Updated => (asset::Column::UpdatedAt, Order::Desc),
    };
    let expected: Vec<i64> = expected
        .order_by(column, order.clone())
        .order_by(asset::Column::Id, order)
        .limit(144)
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    assert_eq!(expected.len(), 144, "{query}");
    assert_eq!(first_pages(db, &filter, 48, 3).await, expected, "{query}");
    assert_eq!(first_pages(db, &filter, 1, 60).await, expected[..60], "{query}");
}

/// The ids on the first `pages` pages of `limit` cards.
async fn first_pages(db: &sea_orm::DatabaseConnection, filter: &AssetFilter, limit: usize, pages: usize) -> Vec<i64> {
    let search = Search::load(db).await.unwrap();
    let mut ids = Vec::new();
    let mut after: Option<Cursor> = None;
    for _ in 0..pages {
        let page = search.page(db, filter, after.as_ref(), limit).await.unwrap();
        ids.extend(page.ids.iter().map(|id| id.0));
        after = Some(Cursor::decode(&page.next.unwrap().encode()).unwrap());
    }
    ids
}

/// `count` assets with a current version each, written straight into the database, added at noon
/// on one of `days` days from 2020-01-01, the days scattered across the order they are written in.
async fn added_over_days(db: &sea_orm::DatabaseConnection, count: u32, days: u32) {
    dated(db, count, &format!("i * 7 % {days}")).await;
}

/// `count` assets with a current version each, written straight into the database, added at noon
/// on `days` days from 2020-01-01 in the order they are written in, as they are in use.
async fn added_day_by_day(db: &sea_orm::DatabaseConnection, count: u32, days: u32) {
    dated(db, count, &format!("(i - 1) * {days} / {count}")).await;
}

/// One asset in `every` (by id) updated 40 days after it was added.
async fn edited_40_days_after(db: &sea_orm::DatabaseConnection, every: u32) {
    let edit = if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        format!("UPDATE assets SET updated_at = created_at + interval '40 days' WHERE id % {every} = 0")
    } else {
        format!(
            "UPDATE assets SET updated_at = strftime('%Y-%m-%dT12:00:00Z', created_at, '+40 days') \
             WHERE id % {every} = 0"
        )
    };
    db.execute_unprepared(&edit).await.unwrap();
}

/// `count` assets (`dated-<i>`, for i from 1) added at noon on day `day` (SQL of `i`) from
/// 2020-01-01, updated then.
async fn dated(db: &sea_orm::DatabaseConnection, count: u32, day: &str) {
    let day = if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        format!("CAST(timestamp '2020-01-01 12:00:00' + ({day}) * interval '1 day' AS timestamptz)")
    } else {
        // As the application writes an instant (RFC 3339), so that they compare as text.
        format!("strftime('%Y-%m-%dT12:00:00Z', '2020-01-01', '+' || ({day}) || ' days')")
    };
    for sql in [
        format!(
            "INSERT INTO assets (code, name, description, availability, revision, name_sort, file_size, \
             created_at, created_by, updated_at) \
             SELECT 'dated-' || i, 'Dated ' || i, '', 'automatic', 1, 'dated ' || i, i, {day}, \
             (SELECT MIN(id) FROM users), {day} \
             FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) SELECT i FROM n) AS n"
        ),
        "INSERT INTO asset_versions (asset_id, number, content_key, file_name, mime, file_type, size, created_at, \
         created_by) SELECT id, 1, 'dated', code || '.jpg', 'image/jpeg', 'image', file_size, created_at, created_by \
         FROM assets WHERE code LIKE 'dated-%'"
            .to_owned(),
        "UPDATE assets SET current_version_id = (SELECT v.id FROM asset_versions v WHERE v.asset_id = assets.id) \
         WHERE code LIKE 'dated-%'"
            .to_owned(),
    ] {
        db.execute_unprepared(&sql)
            .await
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
    }
}

#[tokio::test]
async fn a_plain_forms_empty_fields_send_the_browser_on_to_the_address_of_what_is_set() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (untidy, tidy) in [
        ("/assets?q=shoe&product=&from=&to=", "/assets?q=shoe"),
        ("/assets?q=&product=", "/assets?sort=latest"),
        ("/products?search=&status=draft", "/products?status=draft"),
    ] {
        let response = app.get(&admin, untidy).await;
        assert!(response.status().is_redirection(), "{untidy}: {}", response.status());
        assert_eq!(response.headers()[reqwest::header::LOCATION], tidy, "{untidy}");
    }
    assert_eq!(app.get(&admin, "/assets?q=shoe").await.status(), StatusCode::OK);
}
