//! Several instances on one database and one store of files, as behind a load balancer: what one
//! does, the other sees; a job whose instance dies is finished by another.

use reqwest::StatusCode;

use crate::helpers::{ADMIN, ADMIN_PASSWORD, TestApp, as_soon_as, fixture, json, slow_png};

#[tokio::test]
async fn two_instances_starting_at_once_on_an_empty_database_both_serve_one_admin() {
    let (first, second) = TestApp::spawn_two_at_once(&[]).await;
    for app in [&first, &second] {
        let admin = app.signed_in(ADMIN, ADMIN_PASSWORD).await;
        let users = json(app.get(&admin, "/api/users/list_users").await).await;
        assert_eq!(users.as_array().map(Vec::len), Some(1), "{users}");
    }
}

#[tokio::test]
async fn what_is_uploaded_through_one_instance_is_read_downloaded_and_shown_through_the_other() {
    let one = TestApp::spawn().await;
    let other = one.spawn_beside(&[]).await;
    let through_one = one.admin().await;
    let photo = fixture("photo-fallenleaf-2560x1600.jpg");
    let id = one.upload_id(&through_one, "leaf.jpg", photo.clone()).await;

    let through_other = other.admin().await;
    let asset = json(
        other
            .get(&through_other, &format!("/api/view/get_asset?asset_id={id}"))
            .await,
    )
    .await;
    assert_eq!(asset["current"]["file_name"], "leaf.jpg");
    let download = other
        .get(&through_other, &format!("/api/view/assets/{id}/download"))
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap(), photo);
    let card = other.card_when_rendered(&through_other, id).await;
    assert_eq!(card["thumbnail"]["state"], "ready", "{card}");
    let thumbnail = other
        .get(&through_other, card["thumbnail"]["url"].as_str().unwrap())
        .await;
    assert_eq!(thumbnail.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_job_whose_instance_is_killed_is_finished_by_the_other() {
    let lease = [("DAMSON_JOB_LEASE", "1s")];
    let doomed = TestApp::spawn_with(&lease).await;
    let admin = doomed.admin().await;
    // Slow to decode: the photo as a PNG, four times over.
    let id = doomed.upload_id(&admin, "big.png", slow_png(2)).await;
    // The only instance so far has the job; then it dies while rendering.
    let db = doomed.database().await;
    let running = "SELECT count(*) AS n FROM jobs WHERE key LIKE 'rendition:%' AND state = 'running'";
    let count = || async {
        let row = sea_orm::ConnectionTrait::query_one(
            &db,
            sea_orm::Statement::from_string(sea_orm::ConnectionTrait::get_database_backend(&db), running),
        )
        .await
        .unwrap()
        .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    as_soon_as("the job is running", || async { (count().await > 0).then_some(()) }).await;
    let survivor = doomed.spawn_beside(&lease).await;
    doomed.kill().await;

    let admin = survivor.admin().await;
    let card = survivor.card_when_rendered(&admin, id).await;
    assert_eq!(card["thumbnail"]["state"], "ready", "{card}");
}

#[tokio::test]
async fn an_upload_on_one_instance_racing_a_deletion_on_the_other_keeps_its_file() {
    let quiet = [("DAMSON_RENDITION_WORKERS", "0")];
    let deleting = TestApp::spawn_with(&quiet).await;
    if !deleting.on_postgres() {
        // Instances share stored files safely through PostgreSQL's locks: on SQLite one instance
        // serves (its own lock covers this race, see actions.rs).
        return;
    }
    let uploading = deleting.spawn_beside(&quiet).await;
    let (on_deleting, on_uploading) = (deleting.admin().await, uploading.admin().await);
    let content = fixture("qoi-specification.pdf");
    for round in 0..25 {
        let doomed = deleting
            .upload_id(&on_deleting, &format!("doomed-{round}.pdf"), content.clone())
            .await;
        let (doomed, kept_name) = (doomed.to_string(), format!("kept-{round}.pdf"));
        let form = [("asset_id", doomed.as_str())];
        let (deleted, uploaded) = tokio::join!(
            deleting.post(&on_deleting, "/api/manage/delete_asset", &form),
            uploading.upload(&on_uploading, &kept_name, content.clone()),
        );
        assert_eq!(deleted.status(), StatusCode::OK);
        assert_eq!(uploaded.status(), StatusCode::OK, "round {round}");
        let kept = json(uploaded).await["id"].as_i64().unwrap();
        let download = deleting
            .get(&on_deleting, &format!("/api/view/assets/{kept}/download"))
            .await;
        assert_eq!(
            download.status(),
            StatusCode::OK,
            "round {round}: the new asset's file is gone"
        );
        let deleted = uploading
            .post(
                &on_uploading,
                "/api/manage/delete_asset",
                &[("asset_id", &kept.to_string())],
            )
            .await;
        assert_eq!(deleted.status(), StatusCode::OK);
    }
}

/// Each instance answers the grid from its own search index; a change made through one is in the
/// other's grid and counts on its very next request, without waiting for a poll.
#[tokio::test]
async fn the_grid_and_its_counts_on_one_instance_show_at_once_what_changed_through_the_other() {
    let one = TestApp::spawn().await;
    let other = one.spawn_beside(&[]).await;
    let (through_one, through_other) = (one.admin().await, other.admin().await);
    let id = one
        .upload_id(&through_one, "shared-shoe.jpg", fixture("hopper.jpg"))
        .await;
    assert_eq!(
        grid(&other, &through_other, "q=shared-shoe").await,
        [id],
        "an upload through one"
    );

    other.save_details(&through_other, id, &[("labels", "autumn")]).await;
    assert_eq!(
        grid(&one, &through_one, "label=autumn").await,
        [id],
        "a label through the other"
    );
    let counts = json(
        one.get(&through_one, "/api/view/filter_counts?filter=label%3Dautumn")
            .await,
    )
    .await;
    assert_eq!(counts["total"], 1, "{counts}");

    let deleted = other
        .post(
            &through_other,
            "/api/manage/delete_asset",
            &[("asset_id", &id.to_string())],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert!(
        grid(&one, &through_one, "q=shared-shoe").await.is_empty(),
        "a deletion through the other"
    );
}

/// The ids on the grid's first page for a URL query.
async fn grid(app: &TestApp, client: &reqwest::Client, query: &str) -> Vec<i64> {
    let filter: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    let page = json(app.get(client, &format!("/api/view/list_assets?filter={filter}")).await).await;
    page["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["id"].as_i64().unwrap())
        .collect()
}
