//! The job queue as a newer or damaged damson might leave it.

use sea_orm::ConnectionTrait;

use crate::helpers::{TestApp, eventually, fixture};

#[tokio::test]
async fn a_job_of_a_kind_this_damson_does_not_know_fails_by_its_code_and_the_queue_goes_on() {
    let app = TestApp::spawn().await;
    let db = app.database().await;
    db.execute_unprepared(
        "INSERT INTO jobs (kind, state, attempts, run_after, created_at) \
         VALUES ('{\"from_a_newer_damson\":{\"secret\":\"x\"}}', 'pending', 0, 0, 0)",
    )
    .await
    .unwrap();
    let failed = eventually("the job of an unknown kind fails", || {
        let db = &db;
        async move {
            let row = db
                .query_one(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    "SELECT state, error_code, error FROM jobs WHERE kind LIKE '%from_a_newer_damson%'",
                ))
                .await
                .unwrap()?;
            let state: String = row.try_get_by_index(0).unwrap();
            (state == "failed").then(|| {
                let code: Option<String> = row.try_get_by_index(1).unwrap();
                let error: Option<String> = row.try_get_by_index(2).unwrap();
                (code, error.unwrap_or_default())
            })
        }
    })
    .await;
    assert_eq!(failed.0.as_deref(), Some("unknown_job"));
    assert!(
        !failed.1.contains("from_a_newer_damson"),
        "the reason a person reads is not the parser's: {}",
        failed.1
    );

    let admin = app.admin().await;
    let asset = app.upload_id(&admin, "after.png", fixture("hopper.png")).await;
    let card = app.card_when_rendered(&admin, asset).await;
    assert_eq!(card["thumbnail"]["state"], "ready", "{card}");
}
