use reqwest::{StatusCode, header};
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::{TestApp, eventually, fixture, scalar, slow_png};

/// The (state, attempts, error) of every rendition job.
async fn jobs(app: &TestApp) -> Vec<(String, i32, Option<String>)> {
    let db = app.database().await;
    let rows = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT state, attempts, error FROM jobs WHERE key LIKE 'rendition:%' ORDER BY id",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            (
                row.try_get("", "state").unwrap(),
                row.try_get("", "attempts").unwrap(),
                row.try_get("", "error").unwrap(),
            )
        })
        .collect()
}

async fn jpeg_size(app: &TestApp, client: &reqwest::Client, url: &str) -> (u32, u32) {
    let response = app.get(client, url).await;
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/jpeg");
    assert!(
        response.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let picture = image::load_from_memory(&response.bytes().await.unwrap()).expect("a JPEG");
    (picture.width(), picture.height())
}

#[tokio::test]
async fn a_photo_gets_a_thumbnail_and_a_preview_from_the_queue() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app
        .upload_id(&admin, "fallen-leaf.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;
    let card = app.card_when_rendered(&admin, id).await;
    assert_eq!(card["thumbnail"]["state"], "ready", "{card}");
    let thumbnail = card["thumbnail"]["url"].as_str().unwrap();
    assert_eq!(jpeg_size(&app, &admin, thumbnail).await, (320, 200));
    let preview = thumbnail.replace("/thumbnail", "/preview");
    assert_eq!(jpeg_size(&app, &admin, &preview).await, (1600, 1000));
    assert_eq!(jobs(&app).await, [("done".to_owned(), 1, None)]);

    // A browser that has the thumbnail already is told so, without the bytes.
    let etag = app.get(&admin, thumbnail).await.headers()[header::ETAG].clone();
    let again = admin
        .get(app.url(thumbnail))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn a_sideways_photo_gets_upright_renditions() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app
        .upload_id(&admin, "leaf.jpg", fixture("leaf-320x200-orientation-6.jpg"))
        .await;
    let card = app.card_when_rendered(&admin, id).await;
    let thumbnail = card["thumbnail"]["url"].as_str().unwrap();
    assert_eq!(jpeg_size(&app, &admin, thumbnail).await, (200, 320));
}

#[tokio::test]
async fn corrupt_and_bomb_images_are_preview_unavailable_and_the_assets_stay() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let photo = fixture("photo-fallenleaf-2560x1600.jpg");
    let truncated = app
        .upload_id(&admin, "cut-off.jpg", photo[..photo.len() / 2].to_vec())
        .await;
    let bomb = app
        .upload_id(&admin, "bomb.gif", fixture("decompression_bomb.gif"))
        .await;
    for id in [truncated, bomb] {
        let card = app.card_when_rendered(&admin, id).await;
        assert_eq!(card["thumbnail"]["state"], "unavailable", "{card}");
        assert!(!card["thumbnail"]["reason"].as_str().unwrap().is_empty(), "{card}");
        let asset = app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await;
        assert_eq!(asset.status(), StatusCode::OK);
    }
    let jobs = jobs(&app).await;
    assert_eq!(jobs.len(), 2);
    for (state, attempts, error) in jobs {
        assert_eq!(
            (state.as_str(), attempts),
            ("failed", 1),
            "a broken picture is not retried"
        );
        assert!(error.is_some_and(|reason| !reason.is_empty()));
    }
    // The server is still serving.
    assert_eq!(app.get(&admin, "/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn documents_show_their_type_and_queue_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let pdf = app
        .upload_id(&admin, "spec.pdf", fixture("qoi-specification.pdf"))
        .await;
    let card = app.cards(&admin, &[pdf]).await.remove(0);
    assert_eq!(
        (&card["file_type"], &card["thumbnail"]["state"]),
        (&"document".into(), &"none".into())
    );
    assert!(jobs(&app).await.is_empty());
}

#[tokio::test]
async fn an_svg_gets_a_thumbnail_and_a_preview_and_its_own_file_stays_an_attachment() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let logo = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"><circle cx="200" cy="100" r="90" fill="#6b2d5c"/><script>alert(1)</script></svg>"##;
    let id = app.upload_id(&admin, "logo.svg", logo.to_vec()).await;
    let card = app.card_when_rendered(&admin, id).await;
    assert_eq!(card["thumbnail"]["state"], "ready", "{card}");
    let url = card["thumbnail"]["url"].as_str().unwrap();
    assert_eq!(jpeg_size(&app, &admin, url).await, (320, 160));
    let preview = url.replace("thumbnail", "preview");
    assert_eq!(jpeg_size(&app, &admin, &preview).await, (1600, 800));
    let original = app
        .get(&admin, &format!("/api/view/assets/{id}/download?inline=true"))
        .await;
    assert!(
        original.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "an SVG can carry script: it is never shown on damson's origin"
    );
}

#[tokio::test]
async fn a_job_left_running_when_the_server_stops_is_picked_up_after_restart() {
    let no_workers = [("DAMSON_RENDITION_WORKERS", "0")];
    let app = TestApp::spawn_with(&no_workers).await;
    let admin = app.admin().await;
    let id = app
        .upload_id(&admin, "leaf.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;
    assert_eq!(app.cards(&admin, &[id]).await[0]["thumbnail"]["state"], "pending");
    // A worker claimed the job (for a one-second lease) and then the machine went down.
    let lease_until = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        + 1000;
    app.database()
        .await
        .execute_unprepared(&format!(
            "UPDATE jobs SET state = 'running', attempts = 1, lease_until = {lease_until} WHERE key LIKE 'rendition:%'"
        ))
        .await
        .unwrap();
    let app = app.crash_and_restart(&[]).await;
    let admin = app.admin().await;
    let card = app.card_when_rendered(&admin, id).await;
    assert_eq!(card["thumbnail"]["state"], "ready", "{card}");
    assert_eq!(jobs(&app).await, [("done".to_owned(), 2, None)]);
}

#[tokio::test]
async fn the_same_picture_uploaded_twice_is_rendered_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = app.upload_id(&admin, "a.png", fixture("hopper.png")).await;
    let second = app.upload_id(&admin, "b.png", fixture("hopper.png")).await;
    let cards = [
        app.card_when_rendered(&admin, first).await,
        app.card_when_rendered(&admin, second).await,
    ];
    assert_eq!(cards[0]["thumbnail"], cards[1]["thumbnail"]);
    assert_eq!(jobs(&app).await.len(), 1);
}

async fn wait_until_running(app: &TestApp) {
    eventually("the worker takes the rendition job", || async {
        jobs(app)
            .await
            .first()
            .is_some_and(|job| job.0 == "running")
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn deleting_an_asset_while_its_renditions_are_made_leaves_no_file_behind() {
    // A lease of 1 s, renewed every third of it: once the worker has renewed it, the small file was
    // read long ago and the picture (about two seconds of decoding) is being rendered.
    let app = TestApp::spawn_with(&[("DAMSON_JOB_LEASE", "1s")]).await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "leaf.png", slow_png(3)).await;
    wait_until_running(&app).await;
    let db = app.database().await;
    let lease_until = "SELECT COALESCE(MAX(lease_until), 0) FROM jobs WHERE key LIKE 'rendition:%'";
    let first_end = scalar(&db, lease_until).await;
    eventually("the worker renews its lease while it renders", || async {
        (scalar(&db, lease_until).await > first_end).then_some(())
    })
    .await;
    let deleted = app
        .post(&admin, "/api/manage/delete_asset", &[("asset_id", &id.to_string())])
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert!(jobs(&app).await.is_empty(), "the job went with its asset");

    // The one worker takes the next picture only once it is done with the deleted one.
    let next = app.upload_id(&admin, "next.png", fixture("hopper.png")).await;
    assert_eq!(
        app.card_when_rendered(&admin, next).await["thumbnail"]["state"],
        "ready"
    );
    // What is stored is the next picture and its thumbnail and preview: nothing of the deleted one.
    let stored: Vec<_> = app
        .stored_files()
        .into_iter()
        .filter(|path| path.components().any(|part| part.as_os_str() == "objects"))
        .collect();
    assert_eq!(stored.len(), 3, "{stored:?}");
}

#[tokio::test]
async fn a_long_job_keeps_its_lease_while_its_worker_lives() {
    // A lease far shorter than the job: only the worker's heartbeat keeps it.
    let app = TestApp::spawn_with(&[("DAMSON_JOB_LEASE", "1s"), ("DAMSON_RENDITION_WORKERS", "2")]).await;
    let admin = app.admin().await;
    // About two seconds of decoding: twice the lease.
    let slow = app.upload_id(&admin, "slow.png", slow_png(3)).await;
    wait_until_running(&app).await;
    // The worker's heartbeat moves the lease on past where its first one ended: the job outlived
    // the lease it was claimed with.
    let db = app.database().await;
    let lease_until = "SELECT COALESCE(MAX(lease_until), 0) FROM jobs WHERE key LIKE 'rendition:%'";
    let first_end = scalar(&db, lease_until).await;
    eventually("the worker renews its lease past the first one's end", || async {
        (scalar(&db, lease_until).await > first_end + 1_000).then_some(())
    })
    .await;
    // The other worker does this one, then looks for work again while the first still renders.
    let quick = app.upload_id(&admin, "quick.png", fixture("hopper.png")).await;
    assert_eq!(
        app.card_when_rendered(&admin, quick).await["thumbnail"]["state"],
        "ready"
    );
    assert_eq!(
        app.card_when_rendered(&admin, slow).await["thumbnail"]["state"],
        "ready"
    );
    let attempts: Vec<i32> = jobs(&app).await.iter().map(|job| job.1).collect();
    assert_eq!(attempts, [1, 1], "no job was taken from its live worker");
}

#[tokio::test]
async fn a_picture_that_takes_longer_than_the_time_limit_fails_with_the_reason() {
    let app = TestApp::spawn_with(&[("DAMSON_RENDER_TIME_LIMIT", "20ms")]).await;
    let admin = app.admin().await;
    let slow = app.upload_id(&admin, "slow.png", slow_png(1)).await;
    let card = app.card_when_rendered(&admin, slow).await;
    assert_eq!(card["thumbnail"]["state"], "unavailable", "{card}");
    let reason = card["thumbnail"]["reason"].as_str().unwrap();
    assert!(reason.contains("time limit of 20ms"), "{reason}");
    // The worker goes on with the next picture once the decoder has let go.
    let quick = app.upload_id(&admin, "quick.gif", fixture("hopper.gif")).await;
    assert_ne!(
        app.card_when_rendered(&admin, quick).await["thumbnail"]["state"],
        "pending"
    );
}

#[tokio::test]
async fn pictures_over_their_formats_cap_fail_with_the_reason_and_memory_stays_bounded() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // 316 KB on disk, 300 MB decoded.
    let huge = app
        .upload_id(&admin, "white.png", fixture("white-10000x10000.png"))
        .await;
    let photo = app
        .upload_id(&admin, "leaf.jpg", fixture("photo-fallenleaf-2560x1600.jpg"))
        .await;
    let card = app.card_when_rendered(&admin, huge).await;
    assert_eq!(card["thumbnail"]["state"], "unavailable", "{card}");
    let reason = card["thumbnail"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("10000 × 10000 px") && reason.contains("PNG pictures of up to 64 megapixels"),
        "{reason}"
    );
    assert_eq!(
        app.card_when_rendered(&admin, photo).await["thumbnail"]["state"],
        "ready"
    );
    let (_, peak_kib) = app.memory_kib();
    assert!(peak_kib < 512 * 1024, "the server peaked at {} MiB", peak_kib / 1024);
}
