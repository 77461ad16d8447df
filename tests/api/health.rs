use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_answers_ok_when_the_database_is_reachable() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
    if !app.on_postgres() {
        assert!(
            app.data_dir.path().join("damson.sqlite").exists(),
            "the embedded SQLite file is in the data dir"
        );
    }
}
