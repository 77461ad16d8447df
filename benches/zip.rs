//! Download as ZIP of a 5 GB selection through a real damson (release build, SQLite, local disk):
//! ten assets of 512 MB each (one upload and nine clones, which share its stored file), streamed
//! to this client; the throughput beside reading the same bytes as single downloads, and the
//! server's peak memory before and after.
//!
//! `cargo bench --features ssr --bench zip`. With an S3 server (`source scripts/services &&
//! start_s3` first): from the bucket.

#[allow(dead_code)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
mod support;

use futures_util::StreamExt;
use helpers::TestApp;
use std::time::Instant;
use support::{mb, peak_rss, upload, write_file};

const SIZE: u64 = 512 * 1024 * 1024;
const ASSETS: usize = 10;

#[tokio::main]
async fn main() {
    let app = TestApp::spawn_with(&[("DAMSON_MAX_UPLOAD_MB", "1024")]).await;
    let client = app.admin().await;
    let work = tempfile::tempdir_in(app.data_dir.path()).unwrap();
    let file = write_file(&work.path().join("reel.bin"), SIZE, 0);
    let uploaded = upload(&client, &app.url("/api/manage/upload"), &file, "reel.bin").await;
    let first = helpers::json(uploaded).await["id"].as_i64().unwrap();
    std::fs::remove_file(&file).unwrap();
    let mut ids = vec![first];
    for _ in 1..ASSETS {
        let response = app
            .post(&client, "/api/manage/clone_asset", &[("asset_id", &first.to_string())])
            .await;
        assert!(response.status().is_success());
        ids.push(helpers::json(response).await["id"].as_i64().unwrap());
    }
    let pid = app.pid().to_string();
    let before = peak_rss(&pid).unwrap();

    let start = Instant::now();
    let mut single = 0;
    for id in &ids[..2] {
        single += drain(app.get(&client, &format!("/api/view/assets/{id}/download")).await)
            .await
            .0;
    }
    let single_rate = mb(single) / start.elapsed().as_secs_f64();

    let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let start = Instant::now();
    let response = app
        .get(&client, &format!("/api/view/assets/zip?ids={}", list.join(",")))
        .await;
    assert!(response.status().is_success());
    let (bytes, tail) = drain(response).await;
    let zip_rate = mb(bytes) / start.elapsed().as_secs_f64();
    let after = peak_rss(&pid).unwrap();
    // The archive ends with ZIP64's end-of-central-directory records and then the classic one.
    let end = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("an end of central directory");
    assert!(tail.windows(4).any(|w| w == b"PK\x06\x06"), "ZIP64 end records");
    assert_eq!(tail.len() - end, 22, "nothing after the end record");
    assert!(bytes > SIZE * ASSETS as u64);

    let store = if app.on_s3() { "S3 (s3s-fs)" } else { "local disk" };
    println!(
        "Download as ZIP of {ASSETS} assets of {} MB (release server, SQLite, {store})",
        SIZE >> 20
    );
    println!("  single downloads of the same files:  {single_rate:7.1} MB/s");
    println!(
        "  the ZIP, {:.2} GB:                   {zip_rate:7.1} MB/s",
        bytes as f64 / 1e9
    );
    println!("  server peak RSS before the ZIP:      {:7.1} MB", mb(before));
    println!(
        "  growth during the ZIP:               {:7.1} MB (goal: flat, a few MB of buffers)",
        mb(after.saturating_sub(before))
    );
}

/// Reads a response to its end; returns its length and its last 64 KiB.
async fn drain(response: reqwest::Response) -> (u64, Vec<u8>) {
    let mut stream = response.bytes_stream();
    let (mut length, mut tail) = (0u64, Vec::new());
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        length += chunk.len() as u64;
        tail.extend_from_slice(&chunk);
        if tail.len() > 128 * 1024 {
            tail.drain(..tail.len() - 64 * 1024);
        }
    }
    (length, tail)
}
