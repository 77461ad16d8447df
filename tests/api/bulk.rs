//! Bulk actions: a change of many assets (ticked, or every one a filter matches) with its report,
//! a large change run as a job that resumes after a crash, who may do what, and the ZIP download.

use reqwest::{Client, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::Value;
use std::{collections::BTreeMap, io::Read, time::Duration};

use crate::helpers::{TestApp, as_soon_as, error_text, eventually_within, json};

async fn start(app: &TestApp, client: &Client, selection: &str, action: &str, value: &str) -> reqwest::Response {
    app.post(
        client,
        "/api/manage/start_bulk_change",
        &[("selection", selection), ("action", action), ("value", value)],
    )
    .await
}

/// Starts a change that runs in its request, and returns its final report.
async fn change(app: &TestApp, client: &Client, selection: &str, action: &str, value: &str) -> Value {
    let response = start(app, client, selection, action, value).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{action}: {:?}",
        app.logged_trouble()
    );
    json(response).await
}

async fn report(app: &TestApp, client: &Client, id: i64) -> Value {
    let response = app
        .get(client, &format!("/api/manage/bulk_change_report?id={id}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

/// Assets that have had their turn.
fn handled(report: &Value) -> u64 {
    ["done", "skipped", "failed"]
        .map(|k| report[k].as_u64().unwrap())
        .iter()
        .sum()
}

async fn asset(app: &TestApp, client: &Client, id: i64) -> Value {
    json(app.get(client, &format!("/api/view/get_asset?asset_id={id}")).await).await
}

fn ids(assets: &[i64]) -> String {
    let ids: Vec<String> = assets.iter().map(ToString::to_string).collect();
    format!("ids={}", ids.join(","))
}

fn labels(asset: &Value) -> Vec<&str> {
    asset["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn delete_skips_public_assets_and_the_report_names_them() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let kept = app.upload_id(&admin, "hero.txt", b"hero".to_vec()).await;
    let gone = app.upload_id(&admin, "draft.txt", b"draft".to_vec()).await;
    let also_gone = app.upload_id(&admin, "old.txt", b"old".to_vec()).await;
    let bystander = app.upload_id(&admin, "bystander.txt", b"stays".to_vec()).await;
    app.set_availability(&admin, kept, "public").await;

    let deleted = change(&app, &admin, &ids(&[kept, gone, also_gone]), "delete", "").await;

    assert_eq!(
        (deleted["total"].as_u64(), deleted["done"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(deleted["skipped"], 1);
    assert_eq!(deleted["failed"], 0);
    let problem = &deleted["problems"][0];
    assert_eq!(problem["asset_name"], "hero");
    let reason = problem["outcome"]["Skipped"].as_str().unwrap();
    assert!(reason.contains("Public"), "{reason}");
    for id in [gone, also_gone] {
        let response = app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(asset(&app, &admin, kept).await["name"], "hero");
    assert_eq!(asset(&app, &admin, bystander).await["name"], "bystander");
    assert_eq!(report(&app, &admin, deleted["id"].as_i64().unwrap()).await["done"], 2);
}

#[tokio::test]
async fn select_all_matching_changes_every_asset_the_filter_finds_and_no_other() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut shoes = Vec::new();
    for n in 0..5 {
        shoes.push(
            app.upload_id(&admin, &format!("shoe-{n}.txt"), format!("shoe {n}").into_bytes())
                .await,
        );
    }
    let bag = app.upload_id(&admin, "bag.txt", b"bag".to_vec()).await;
    app.save_details(&admin, shoes[0], &[("labels", "Summer, old")]).await;

    let added = change(&app, &admin, "all=1&q=shoe", "add_labels", "summer, sale").await;
    assert_eq!((added["total"].as_u64(), added["done"].as_u64()), (Some(5), Some(5)));
    // Labels already there in another case are not added twice.
    assert_eq!(labels(&asset(&app, &admin, shoes[0]).await), ["Summer", "old", "sale"]);
    assert_eq!(labels(&asset(&app, &admin, shoes[3]).await), ["sale", "summer"]);
    assert!(labels(&asset(&app, &admin, bag).await).is_empty());

    let removed = change(&app, &admin, "all=1&label=sale", "remove_labels", "SALE, old").await;
    assert_eq!(removed["done"], 5);
    assert_eq!(labels(&asset(&app, &admin, shoes[0]).await), ["Summer"]);

    let internal = change(&app, &admin, "all=1&q=shoe", "set_availability", "internal").await;
    assert_eq!(internal["done"], 5);
    for id in &shoes {
        let shoe = asset(&app, &admin, *id).await;
        assert_eq!(shoe["availability"], "internal");
    }
    assert_eq!(asset(&app, &admin, bag).await["availability"], "automatic");
    // A Details form opened before the change cannot save over it.
    let revision = asset(&app, &admin, shoes[1]).await["revision"].as_i64().unwrap();
    assert_eq!(revision, 4, "one revision per change of shoe-1");
}

/// An asset that would hold more labels than allowed fails alone, with why; the rest of its
/// batch gets the labels.
#[tokio::test]
async fn an_asset_that_cannot_take_more_labels_fails_alone_and_keeps_its_own() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let full = app.upload_id(&admin, "full.txt", b"full".to_vec()).await;
    let other = app.upload_id(&admin, "other.txt", b"other".to_vec()).await;
    let many: Vec<String> = (1..=49).map(|n| format!("tag-{n:02}")).collect();
    app.save_details(&admin, full, &[("labels", &many.join(", "))]).await;
    let revision = asset(&app, &admin, full).await["revision"].clone();

    let added = change(&app, &admin, &ids(&[full, other]), "add_labels", "x, y").await;

    assert_eq!((added["done"].as_u64(), added["failed"].as_u64()), (Some(1), Some(1)));
    let problem = &added["problems"][0];
    assert_eq!(problem["asset_name"], "full");
    let reason = problem["outcome"]["Failed"].as_str().unwrap();
    assert!(reason.contains("51 labels"), "{reason}");
    let full = asset(&app, &admin, full).await;
    assert_eq!(labels(&full), many);
    assert_eq!(full["revision"], revision);
    assert_eq!(labels(&asset(&app, &admin, other).await), ["x", "y"]);
}

#[tokio::test]
async fn many_assets_are_linked_to_products_and_put_in_categories() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = app.upload_id(&admin, "boot-a.txt", b"a".to_vec()).await;
    let second = app.upload_id(&admin, "boot-b.txt", b"b".to_vec()).await;
    let mut products = Vec::new();
    for number in ["BOOT-1", "BOOT-2"] {
        let response = app
            .post(
                &admin,
                "/api/catalog/save_product",
                &[("number", number), ("name", number), ("description", "")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        products.push(json(response).await["id"].as_i64().unwrap());
    }
    let response = app
        .post(&admin, "/api/catalog/save_catalog", &[("code", "web"), ("name", "Web")])
        .await;
    let catalog = json(response).await["catalog"]["id"].as_i64().unwrap();
    let form = [
        ("catalog_id", catalog.to_string()),
        ("parent_id", String::new()),
        ("number", "boots".to_owned()),
        ("name", "Boots".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let tree = json(app.post(&admin, "/api/catalog/save_category", &form).await).await;
    let category = tree["categories"][0]["category"]["id"].as_i64().unwrap();

    let product_list = format!("{},{}", products[0], products[1]);
    let linked = change(&app, &admin, &ids(&[first, second]), "link_to_products", &product_list).await;
    assert_eq!(linked["done"], 2);
    let put = change(
        &app,
        &admin,
        &ids(&[first, second]),
        "add_to_categories",
        &category.to_string(),
    )
    .await;
    assert_eq!(put["done"], 2);

    for id in [first, second] {
        let details = json(app.get(&admin, &format!("/api/view/asset_details?asset_id={id}")).await).await;
        let numbers: Vec<&str> = details["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["number"].as_str().unwrap())
            .collect();
        assert_eq!(numbers, ["BOOT-1", "BOOT-2"], "asset {id}");
        assert_eq!(details["categories"][0]["path"], "Web \u{203a} Boots");
    }

    // An unknown product is refused before any asset changes.
    let response = start(&app, &admin, &ids(&[first]), "link_to_products", "999999").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(response).await.contains("999999"));
}

#[tokio::test]
async fn dam_read_users_may_download_but_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "look.txt", b"look".to_vec()).await;
    app.create_user(&admin, "reader", "dam_read", "reader-password-1").await;
    let reader = app.signed_in("reader", "reader-password-1").await;

    for (action, value) in [
        ("set_availability", "internal"),
        ("add_labels", "x"),
        ("remove_labels", "x"),
        ("link_to_products", "1"),
        ("add_to_categories", "1"),
        ("delete", ""),
    ] {
        let response = start(&app, &reader, &ids(&[id]), action, value).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    assert_eq!(asset(&app, &reader, id).await["availability"], "automatic");
    let response = app.get(&reader, &format!("/api/view/assets/zip?{}", ids(&[id]))).await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// The files of a ZIP, by name.
fn unzipped(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    (0..archive.len())
        .map(|n| {
            let mut file = archive.by_index(n).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().into_owned(), content)
        })
        .collect()
}

#[tokio::test]
async fn the_zip_holds_each_selected_file_and_clashing_names_get_a_number() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let shoe = app.upload_id(&admin, "shoe.txt", b"the shoe".to_vec()).await;
    let response = app
        .post(&admin, "/api/manage/clone_asset", &[("asset_id", &shoe.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let clone = json(response).await["id"].as_i64().unwrap();
    let sock = app.upload_id(&admin, "sock.txt", b"the sock".to_vec()).await;
    app.upload_id(&admin, "hat.txt", b"not selected".to_vec()).await;

    let response = app
        .get(&admin, &format!("/api/view/assets/zip?{}", ids(&[sock, clone, shoe])))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("assets.zip")
    );
    let files = unzipped(&response.bytes().await.unwrap());
    let expected: BTreeMap<String, Vec<u8>> = [
        ("shoe.txt", b"the shoe".to_vec()),
        ("shoe (2).txt", b"the shoe".to_vec()),
        ("sock.txt", b"the sock".to_vec()),
    ]
    .into_iter()
    .map(|(name, content)| (name.to_owned(), content))
    .collect();
    assert_eq!(files, expected);

    let response = app.get(&admin, "/api/view/assets/zip?all=1&q=hat").await;
    assert_eq!(
        unzipped(&response.bytes().await.unwrap()).keys().collect::<Vec<_>>(),
        ["hat.txt"]
    );
    let response = app.get(&admin, "/api/view/assets/zip?all=1&q=nothing-like-this").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = app.get(&admin, "/api/view/assets/zip?ids=").await;
    assert!(error_text(response).await.contains("at least one"));
}

#[tokio::test]
async fn a_large_change_runs_as_a_job_skips_public_assets_and_resumes_after_a_crash_without_doing_anything_twice() {
    let lease = [("DAMSON_JOB_LEASE", "1s")];
    let app = TestApp::spawn_with(&lease).await;
    let admin = app.admin().await;
    let count = 320;
    let mut ids = Vec::new();
    for batch in (0..count).collect::<Vec<_>>().chunks(8) {
        let uploads = batch.iter().map(|n| {
            let (app, admin) = (&app, &admin);
            async move {
                app.upload_id(admin, &format!("item-{n:03}.txt"), format!("item {n}").into_bytes())
                    .await
            }
        });
        ids.extend(futures_util::future::join_all(uploads).await);
    }
    let public: Vec<i64> = ids.iter().copied().step_by(64).collect();
    for id in &public {
        app.set_availability(&admin, *id, "public").await;
    }

    let started = change(&app, &admin, "all=1&q=item-", "delete", "").await;
    assert_eq!(started["total"], count as u64);
    let id = started["id"].as_i64().unwrap();
    // Killed as soon as the job has begun, well before it can have ended.
    let handled_at_kill = as_soon_as("the change begins", || async {
        let now = handled(&report(&app, &admin, id).await);
        (now > 0).then_some(now)
    })
    .await;
    let app = app.crash_and_restart(&lease).await;
    assert!(handled_at_kill < count as u64, "the crash came after the end");
    let admin = app.admin().await;

    let finished = eventually_within(
        "the change resumes after the restart and ends",
        Duration::from_secs(60),
        || async {
            let now = report(&app, &admin, id).await;
            (handled(&now) == count as u64).then_some(now)
        },
    )
    .await;
    // A deletion done twice would show as "deleted meanwhile": every asset had exactly one turn.
    assert_eq!(finished["done"], (count - public.len()) as u64);
    assert_eq!(finished["skipped"], public.len() as u64);
    assert_eq!(finished["failed"], 0);
    let skipped: Vec<i64> = finished["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert!(p["outcome"]["Skipped"].as_str().unwrap().contains("Public"), "{p}");
            p["asset_id"].as_i64().unwrap()
        })
        .collect();
    assert_eq!(skipped, public);
    let db = app.database().await;
    let rows = db
        .query_all(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM assets ORDER BY id",
        ))
        .await
        .unwrap();
    let left: Vec<i64> = rows.iter().map(|row| row.try_get_by_index(0).unwrap()).collect();
    assert_eq!(left, public, "only the Public assets are left");
}
