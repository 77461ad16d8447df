//! What a crash leaves behind goes: partial uploads at the next start, and stored files nothing
//! uses after a sweep and a second look. Nothing anyone uses is ever removed.

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use std::{collections::HashSet, time::Duration};

use crate::helpers::{TestApp, eventually, fixture};

/// The files the S3-compatible server keeps for the parts of the multipart upload `id`.
fn parts_of(id: &str) -> Vec<std::path::PathBuf> {
    let root = std::env::var("DAMSON_TEST_S3_ROOT").expect("the S3 server's folder");
    std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(&format!(".upload_id-{id}.part-")))
        })
        .collect()
}

const GRACE: [(&str, &str); 1] = [("DAMSON_CLEANUP_GRACE", "1s")];

/// Every stored file's content key that a version or a rendition uses.
async fn used_keys(app: &TestApp) -> HashSet<String> {
    let db = app.database().await;
    let sql = "SELECT content_key AS k FROM asset_versions UNION SELECT rendition_key AS k FROM renditions";
    let rows = db
        .query_all(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    rows.iter().map(|row| row.try_get::<String>("", "k").unwrap()).collect()
}

#[tokio::test]
async fn after_a_kill_during_uploads_partial_and_unused_files_go_and_used_ones_stay() {
    let app = TestApp::spawn_with(&GRACE).await;
    let admin = app.admin().await;
    let kept = app
        .upload_id(&admin, "kept.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;
    app.card_when_rendered(&admin, kept).await;
    // An upload that is still arriving when the server is killed.
    let (feed, chunks) = tokio::sync::mpsc::channel::<bytes::Bytes>(4);
    let body = futures_util::stream::unfold(chunks, |mut chunks| async move {
        chunks
            .recv()
            .await
            .map(|chunk| (Ok::<_, std::io::Error>(chunk), chunks))
    });
    let upload = tokio::spawn(
        admin
            .post(app.url("/api/manage/upload?file_name=arriving.bin"))
            .body(reqwest::Body::wrap_stream(body))
            .send(),
    );
    feed.send(bytes::Bytes::from(vec![7u8; 256 * 1024])).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    // On local disk it is a file in incoming/; in a bucket, a multipart upload the server keeps.
    while !app.on_s3()
        && !app
            .stored_files()
            .iter()
            .any(|path| path.to_string_lossy().ends_with(".part"))
    {
        assert!(std::time::Instant::now() < deadline, "the upload never arrived");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // In a bucket, an upload of unknown length goes as a multipart upload: a whole part of it is
    // stored, then the server dies. Its parts stay in the bucket, unlisted, until it is aborted;
    // its mark is made two days old.
    let multipart = if app.on_s3() {
        feed.send(bytes::Bytes::from(vec![7u8; 8 * 1024 * 1024])).await.unwrap();
        let marks = app.files_root().join("multipart");
        let id = eventually("the multipart upload is marked", || async {
            let mark = std::fs::read_dir(&marks).ok()?.next()?.ok()?.path();
            std::fs::read_to_string(mark).ok()
        })
        .await;
        eventually("a part of it is stored", || async {
            (!parts_of(&id).is_empty()).then_some(())
        })
        .await;
        for mark in std::fs::read_dir(&marks).unwrap() {
            let mark = std::fs::File::options().write(true).open(mark.unwrap().path()).unwrap();
            mark.set_modified(std::time::SystemTime::now() - Duration::from_secs(2 * 24 * 3600))
                .unwrap();
        }
        Some(id)
    } else {
        None
    };
    // A file stored but never recorded: the server died between the two.
    let orphan = "0".repeat(63) + "1";
    app.plant_unrecorded(&orphan, b"stored, never recorded");
    // In a bucket, the blob of an upload that died before its pointer was written. Every blob is
    // made two days old: the kept ones must stay all the same.
    let abandoned = app.on_s3().then(|| {
        let blob = app.files_root().join("blobs").join("a".repeat(32));
        std::fs::write(&blob, b"streamed, never kept").unwrap();
        let two_days_ago = std::time::SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
        for file in std::fs::read_dir(app.files_root().join("blobs")).unwrap() {
            let file = std::fs::File::options().write(true).open(file.unwrap().path()).unwrap();
            file.set_modified(two_days_ago).unwrap();
        }
        blob
    });

    let app = app.crash_and_restart(&GRACE).await;
    drop((feed, upload));
    assert!(
        !app.stored_files()
            .iter()
            .any(|path| path.to_string_lossy().ends_with(".part")),
        "partial uploads are gone at start: {:?}",
        app.stored_files()
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while app.stored_keys().contains(&orphan) || abandoned.as_ref().is_some_and(|blob| blob.exists()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the unused file is still there: {:?}",
            app.stored_files()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if let Some(id) = multipart {
        eventually("the abandoned multipart upload is aborted", || async {
            parts_of(&id).is_empty().then_some(())
        })
        .await;
        let marks = std::fs::read_dir(app.files_root().join("multipart")).map_or(0, Iterator::count);
        assert_eq!(marks, 0, "its mark goes with it");
    }
    assert_eq!(app.stored_keys(), used_keys(&app).await, "exactly the used files stay");
    let admin = app.admin().await;
    let download = app.get(&admin, &format!("/api/view/assets/{kept}/download")).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(
        download.bytes().await.unwrap(),
        fixture("photo-fallenleaf-2560x1600.jpg")
    );
}
