//! Mass upload of 500 real photos (4 MP, 2560 × 1600) into a real damson (release build): through
//! the Upload assets page's protocol (create, chunks, then one import job) against the single
//! upload route, four files in flight in each, as the page sends them; and the server's memory.
//! Each photo is made distinct by a few bytes after its end, so that none is stored only once.
//! Background work (renditions) is let finish after each, so each starts from rest and the peak
//! memory after each includes its renditions. A second mass upload of as many photos shows whether
//! the server's memory grows with the files.
//!
//! `cargo bench --features ssr --bench mass_upload`. With `DAMSON_TEST_POSTGRES` and an S3 server
//! (`source scripts/services && start_postgres && start_s3` first): on those.

#[allow(dead_code)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
mod support;

use futures_util::{StreamExt, stream};
use helpers::{TestApp, fixture, json};
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};
use support::{mb, peak_rss};

const PHOTOS: usize = 500;
const IN_FLIGHT: usize = 4;

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let photo = fixture("photo-fallenleaf-2560x1600.jpg");
    // Photo n: the same picture with n after its end.
    let nth = |n: usize| {
        let mut bytes = photo.clone();
        bytes.extend_from_slice(&(n as u64).to_le_bytes());
        bytes
    };
    let total = mb((0..PHOTOS).map(|n| nth(n).len() as u64).sum());
    let pid = app.pid().to_string();
    let before = peak_rss(&pid).unwrap();

    let start = Instant::now();
    stream::iter(0..PHOTOS)
        .for_each_concurrent(IN_FLIGHT, |n| {
            let (app, admin, bytes) = (&app, &admin, nth(n));
            async move {
                let response = app.upload(admin, &format!("single-{n}.jpg"), bytes).await;
                assert_eq!(response.status(), StatusCode::OK);
            }
        })
        .await;
    let single = start.elapsed().as_secs_f64();
    // Renditions of the photos run meanwhile and after: their memory counts on both sides.
    idle(&app).await;
    let after_single = peak_rss(&pid).unwrap();

    let (sent, mass) = mass_upload(&app, &admin, PHOTOS..2 * PHOTOS, &nth).await;
    idle(&app).await;
    let after_mass = peak_rss(&pid).unwrap();
    // As many again: memory that grows with the files would grow again here.
    mass_upload(&app, &admin, 2 * PHOTOS..3 * PHOTOS, &nth).await;
    idle(&app).await;
    let after_second = peak_rss(&pid).unwrap();

    let store = if app.on_s3() { "S3 (s3s-fs)" } else { "local disk" };
    let database = if app.on_postgres() { "PostgreSQL" } else { "SQLite" };
    println!(
        "Mass upload of {PHOTOS} photos of 4 MP ({total:.0} MB; release server, {database}, {store}, {IN_FLIGHT} in flight)"
    );
    let line = |what: &str, secs: f64| {
        println!(
            "  {what:<40} {secs:6.1} s = {:5.1} files/s, {:5.1} MB/s",
            PHOTOS as f64 / secs,
            total / secs
        );
    };
    line("single upload route:", single);
    line("Upload assets protocol, sent:", sent);
    line("Upload assets protocol, sent + imported:", mass);
    println!(
        "  protocol against single uploads:         {:.2} × (goal ≥ 0.90)",
        single / mass
    );
    println!("  server peak RSS before:                  {:6.1} MB", mb(before));
    println!(
        "  after the single uploads:                {:6.1} MB (+{:.1})",
        mb(after_single),
        mb(after_single.saturating_sub(before))
    );
    println!(
        "  after the mass upload and import:        {:6.1} MB (+{:.1} more)",
        mb(after_mass),
        mb(after_mass.saturating_sub(after_single))
    );
    println!(
        "  after {PHOTOS} more the same way:              {:6.1} MB (+{:.1} more; goal: flat)",
        mb(after_second),
        mb(after_second.saturating_sub(after_mass))
    );
}

/// Sends photos `numbers` through the protocol, then imports them in one job: the seconds until
/// all were sent, and until the import finished.
async fn mass_upload(
    app: &TestApp,
    admin: &Client,
    numbers: std::ops::Range<usize>,
    nth: &impl Fn(usize) -> Vec<u8>,
) -> (f64, f64) {
    let start = Instant::now();
    stream::iter(numbers)
        .for_each_concurrent(IN_FLIGHT, |n| {
            let bytes = nth(n);
            async move { send(app, admin, &format!("mass-{n}.jpg"), &bytes).await }
        })
        .await;
    let sent = start.elapsed().as_secs_f64();
    let import = app.post(admin, "/api/manage/import_uploads", &[]).await;
    assert_eq!(import.status(), StatusCode::OK);
    let import = json(import).await.as_i64().unwrap();
    // The job's end, from the database: asking for the report as often would cost the server.
    let db = app.database().await;
    let finished = format!("SELECT COUNT(*) AS n FROM upload_imports WHERE id = {import} AND finished_at IS NOT NULL");
    while count(&db, &finished).await == 0 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mass = start.elapsed().as_secs_f64();
    let report = json(
        app.post(
            admin,
            "/api/manage/upload_import_report",
            &[("import_id", &import.to_string())],
        )
        .await,
    )
    .await;
    let new_assets = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|file| file["imported"]["outcome"] == "new_asset")
        .count();
    assert_eq!(new_assets, PHOTOS, "every photo became an asset");
    (sent, mass)
}

async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// Sends one file as the page does: create, then its chunks (one here: a photo is under 8 MB).
async fn send(app: &TestApp, client: &Client, name: &str, bytes: &[u8]) {
    let created = client
        .post(app.url("/api/manage/uploads"))
        .json(&serde_json::json!({ "file_name": name, "size": bytes.len() }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = json(created).await["id"].as_str().unwrap().to_owned();
    for (index, chunk) in bytes.chunks(8 * 1024 * 1024).enumerate() {
        let sent = client
            .put(app.url(&format!("/api/manage/uploads/{id}")))
            .query(&[("offset", index * 8 * 1024 * 1024)])
            .body(chunk.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), StatusCode::OK);
    }
}

/// Waits until no background job is waiting or running.
async fn idle(app: &TestApp) {
    let db = app.database().await;
    let busy = "SELECT COUNT(*) AS n FROM jobs WHERE state IN ('pending', 'running')";
    while count(&db, busy).await > 0 {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
