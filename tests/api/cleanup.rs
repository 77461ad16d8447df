//! What a crash leaves behind goes: partial uploads at the next start, and stored files nothing
//! uses after a sweep and a second look. Nothing anyone uses is ever removed.

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use std::{collections::HashSet, time::Duration};

use crate::helpers::{TestApp, eventually, fixture};

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
async fn after_a_kill_partial_and_unused_files_go_and_used_ones_stay() {
    let app = TestApp::spawn_with(&GRACE).await;
    let admin = app.admin().await;
    let kept = app
        .upload_id(&admin, "kept.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;
    app.card_when_rendered(&admin, kept).await;
    // On local disk, a file being staged when its process died (a rendition, say): it is named
    // after the process, which is gone.
    let staging = (!app.on_s3()).then(|| {
        let part = app.files_root().join("incoming").join("4194305-1-0.part");
        std::fs::write(&part, vec![7u8; 256 * 1024]).unwrap();
        part
    });
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
    assert!(
        staging.is_none_or(|part| !part.exists()),
        "partial files are gone at start: {:?}",
        app.stored_files()
    );
    eventually("the unused files are removed", || async {
        (!app.stored_keys().contains(&orphan) && !abandoned.as_ref().is_some_and(|blob| blob.exists())).then_some(())
    })
    .await;
    assert_eq!(app.stored_keys(), used_keys(&app).await, "exactly the used files stay");
    let admin = app.admin().await;
    let download = app.get(&admin, &format!("/api/view/assets/{kept}/download")).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(
        download.bytes().await.unwrap(),
        fixture("photo-fallenleaf-2560x1600.jpg")
    );
}
