//! Ingest of a 128 MB file through HTTP into a real damson (release build, SQLite): throughput
//! against the storage's own speed for the same file, and the server's memory.
//!
//! `cargo bench --features ssr --bench ingest`: local disk, against `cp` + `sync`.
//! With an S3 server (`source scripts/services && start_s3` first): into the bucket, against a
//! plain client's PUT of the same file to the same server. Uploads announce their length, as
//! browsers do.

#[allow(dead_code)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
mod support;

use helpers::TestApp;
use std::{path::Path, process::Command, time::Instant};
use support::{mb, peak_rss, upload, write_file};

const SIZE: u64 = 128 * 1024 * 1024;
const IN_FLIGHT: usize = 4;

#[tokio::main]
async fn main() {
    let app = TestApp::spawn().await;
    let work = tempfile::tempdir_in(app.data_dir.path()).unwrap();
    let files: Vec<_> = (0..IN_FLIGHT)
        .map(|n| write_file(&work.path().join(format!("bench-{n}.bin")), SIZE, n as u64))
        .collect();

    let on_s3 = app.on_s3();
    let (reference, reference_rate, goal) = if on_s3 {
        ("direct PUT to the S3 server", direct_put(&files[0]).await, 0.70)
    } else {
        (
            "cp + sync of the same file",
            copy_and_sync(&files[0], &work.path().join("copy.bin")),
            0.50,
        )
    };
    let client = app.admin().await;
    let pid = app.pid().to_string();
    let before = peak_rss(&pid).unwrap();

    let start = Instant::now();
    upload(&client, &app.url(""), &files[0], "bench-0.bin").await;
    let rate = mb(SIZE) / start.elapsed().as_secs_f64();
    let after_one = peak_rss(&pid).unwrap();

    let start = Instant::now();
    let uploads = files.iter().enumerate().map(|(n, path)| {
        let (app, client) = (&app, &client);
        async move { upload(client, &app.url(""), path, &format!("parallel-{n}.bin")).await }
    });
    futures_util::future::join_all(uploads).await;
    let parallel_rate = mb(SIZE * IN_FLIGHT as u64) / start.elapsed().as_secs_f64();
    let after_parallel = peak_rss(&pid).unwrap();

    let store = if on_s3 { "S3 (s3s-fs)" } else { "local disk" };
    let per_upload_goal = if on_s3 { 32 } else { 16 };
    println!("Ingest of a 128 MB file over HTTP (release server, SQLite, {store})");
    println!("  {reference:<32} {reference_rate:7.1} MB/s");
    println!(
        "  one upload:                      {rate:7.1} MB/s = {:.2} × that (goal ≥ {goal:.2})",
        rate / reference_rate
    );
    println!("  {IN_FLIGHT} uploads at once:               {parallel_rate:7.1} MB/s in total");
    println!("  server peak RSS before uploads:  {:7.1} MB", mb(before));
    println!(
        "  growth with one upload:          {:7.1} MB (goal < {per_upload_goal} MB per upload in flight)",
        mb(after_one.saturating_sub(before))
    );
    println!(
        "  growth with {IN_FLIGHT} in flight:           {:7.1} MB = {:.1} MB per upload",
        mb(after_parallel.saturating_sub(before)),
        mb(after_parallel.saturating_sub(before)) / IN_FLIGHT as f64
    );
}

fn copy_and_sync(from: &Path, to: &Path) -> f64 {
    let start = Instant::now();
    assert!(Command::new("cp").arg(from).arg(to).status().unwrap().success());
    assert!(Command::new("sync").arg(to).status().unwrap().success());
    let rate = mb(SIZE) / start.elapsed().as_secs_f64();
    std::fs::remove_file(to).unwrap();
    rate
}

/// A plain client's PUT of the file to the S3 server the app uses, in MB/s. Its payload goes
/// unsigned, as damson's does (signing it would hash it once more and slow the reference down).
async fn direct_put(path: &Path) -> f64 {
    use object_store::{ObjectStoreExt, aws::AmazonS3Builder};
    let bucket = std::env::var("DAMSON_TEST_S3_BUCKET").unwrap();
    let store = AmazonS3Builder::from_env()
        .with_bucket_name(bucket)
        .with_virtual_hosted_style_request(false)
        .with_unsigned_payload(true)
        .build()
        .unwrap();
    let content = bytes::Bytes::from(std::fs::read(path).unwrap());
    let target = object_store::path::Path::from("bench-direct/put.bin");
    let start = Instant::now();
    store.put(&target, content.into()).await.unwrap();
    let rate = mb(SIZE) / start.elapsed().as_secs_f64();
    store.delete(&target).await.unwrap();
    rate
}
