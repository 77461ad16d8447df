//! Importing a batch of uploads: each file placed by its name, as a job, with a report that
//! counts and explains every outcome; failed files tried again; DAM read refused.

use reqwest::{Client, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_text, eventually, fixture, json as body_json};

/// Sends each file through the resumable upload protocol (each fits one chunk); their ids.
async fn upload_all(app: &TestApp, client: &Client, files: &[(&str, Vec<u8>)]) -> Vec<String> {
    let mut ids = Vec::new();
    for (name, bytes) in files {
        let created = client
            .post(app.url("/api/manage/uploads"))
            .json(&json!({ "file_name": name, "size": bytes.len() }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED, "{name}");
        let id = body_json(created).await["id"].as_str().unwrap().to_owned();
        let sent = client
            .put(app.url(&format!("/api/manage/uploads/{id}")))
            .query(&[("offset", 0)])
            .body(bytes.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), StatusCode::OK, "{name}");
        ids.push(id);
    }
    ids
}

async fn start_import(app: &TestApp, client: &Client) -> i64 {
    let started = app.post(client, "/api/manage/import_uploads", &[]).await;
    assert_eq!(started.status(), StatusCode::OK, "{:?}", app.logged_trouble());
    body_json(started).await.as_i64().expect("an import id")
}

/// The import's report once it has finished.
async fn finished_report(app: &TestApp, client: &Client, import: i64) -> Value {
    eventually("the import finishes", || async {
        let report = app
            .post(
                client,
                "/api/manage/upload_import_report",
                &[("import_id", &import.to_string())],
            )
            .await;
        assert_eq!(report.status(), StatusCode::OK);
        let report = body_json(report).await;
        (report["finished"] == true).then_some(report)
    })
    .await
}

/// Each file's outcome and detail, by file name.
fn outcomes(report: &Value) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            let imported = &file["imported"];
            (
                file["file_name"].as_str().unwrap().to_owned(),
                imported["outcome"].as_str().unwrap_or("waiting").to_owned(),
                imported["detail"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// The asset with this code, found by its name (a new asset is named after its code).
async fn asset_by_code(app: &TestApp, client: &Client, code: &str) -> Value {
    let page = body_json(app.get(client, "/api/view/list_assets").await).await;
    let card = page["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|card| card["name"] == code)
        .unwrap_or_else(|| panic!("no asset {code} in {page}"))
        .clone();
    let asset = body_json(
        app.get(client, &format!("/api/view/get_asset?asset_id={}", card["id"]))
            .await,
    )
    .await;
    assert_eq!(asset["code"], code);
    asset
}

async fn version_count(app: &TestApp, client: &Client, id: i64) -> usize {
    let versions = body_json(app.get(client, &format!("/api/view/list_versions?asset_id={id}")).await).await;
    versions.as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn a_batch_places_each_file_by_its_name_and_reports_every_outcome() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let added = app.post(&admin, "/api/settings/add_locale", &[("code", "fr_FR")]).await;
    assert_eq!(added.status(), StatusCode::OK, "{}", error_text(added).await);
    let shoe = app.upload_id(&admin, "shoe.jpg", fixture("hopper.jpg")).await;
    let bag = app.upload_id(&admin, "bag.jpg", fixture("hopper.jpg")).await;
    app.save_details(&admin, bag, &[("localizable", "on")]).await;
    app.upload_id(&admin, "boot.png", fixture("hopper.png")).await;
    let hat = app.upload_id(&admin, "hat.gif", fixture("hopper.gif")).await;

    upload_all(
        &app,
        &admin,
        &[
            ("sandal.jpg", fixture("hopper_orientation_6.jpg")),
            ("shoe.webp", fixture("hopper.webp")),
            ("bag_fr_FR.png", fixture("hopper.png")),
            ("boot_fr_FR.jpg", fixture("hopper.jpg")),
            ("hat.gif", fixture("hopper.gif")),
            ("coat.jpg", fixture("hopper.jpg")),
            ("coat.tif", fixture("hopper.tif")),
            ("glove-fr_FR.jpg", fixture("hopper.jpg")),
            ("scarf_de_DE.pdf", fixture("qoi-specification.pdf")),
            ("leaf.jpg", fixture("leaf-320x200-orientation-6.jpg")),
        ],
    )
    .await;
    let import = start_import(&app, &admin).await;
    let report = finished_report(&app, &admin, import).await;
    let coat_clash = "are both for «coat»: keep one of them.";
    let not_localizable = "«boot» is not localizable, so boot_fr_FR.jpg has no place";
    let expected = [
        ("bag_fr_FR.png", "locale_file", "File for fr_FR of «bag»"),
        ("boot_fr_FR.jpg", "failed", not_localizable),
        ("coat.jpg", "failed", coat_clash),
        ("coat.tif", "failed", coat_clash),
        (
            "glove-fr_FR.jpg",
            "new_localizable_asset",
            "New localizable asset «glove», file for fr_FR",
        ),
        ("hat.gif", "skipped", "Identical to the current version."),
        ("leaf.jpg", "new_asset", "New asset"),
        ("sandal.jpg", "new_asset", "New asset"),
        ("scarf_de_DE.pdf", "new_asset", "New asset"),
        ("shoe.webp", "new_version", "New version of «shoe»"),
    ];
    let got = outcomes(&report);
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((name, outcome, detail), (want_name, want_outcome, want_detail)) in got.iter().zip(expected) {
        assert_eq!((name.as_str(), outcome.as_str()), (want_name, want_outcome), "{detail}");
        assert!(detail.contains(want_detail), "{name}: {detail}");
    }

    // What the report says is what the assets are.
    assert_eq!(version_count(&app, &admin, shoe).await, 2);
    assert_eq!(
        version_count(&app, &admin, hat).await,
        1,
        "an identical file adds no version"
    );
    let bag = asset_by_code(&app, &admin, "bag").await;
    assert_eq!(bag["locale_files"], json!(["fr_FR"]));
    assert_eq!(bag["current"]["file_name"], "bag.jpg", "the main file stays");
    let glove = asset_by_code(&app, &admin, "glove").await;
    assert_eq!(
        (glove["localizable"].clone(), glove["locale_files"].clone()),
        (json!(true), json!(["fr_FR"]))
    );
    // What the first chunk showed is what the file is: a PDF, a photo shot sideways upright.
    let scarf = asset_by_code(&app, &admin, "scarf_de_DE").await;
    assert_eq!(scarf["current"]["file_type"], "document");
    let leaf = asset_by_code(&app, &admin, "leaf").await;
    assert_eq!(
        (
            leaf["current"]["file_type"].clone(),
            leaf["current"]["dimensions"].clone()
        ),
        (json!("image"), json!({"width": 200, "height": 320}))
    );
    asset_by_code(&app, &admin, "sandal").await;

    let csv = admin
        .get(app.url(&format!("/api/manage/upload_imports/{import}/report.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("File,Result,Detail,Asset id\r\n"), "{csv}");
    assert!(
        csv.contains(&format!("boot_fr_FR.jpg,Error,\"{not_localizable}\",\r\n")),
        "{csv}"
    );

    // Once boot is localizable, trying the failed files again gives it its French file; the two
    // coats still clash.
    let boot = asset_by_code(&app, &admin, "boot").await;
    app.save_details(&admin, boot["id"].as_i64().unwrap(), &[("localizable", "on")])
        .await;
    let retried = app
        .post(
            &admin,
            "/api/manage/retry_failed_uploads",
            &[("import_id", &import.to_string())],
        )
        .await;
    assert_eq!(retried.status(), StatusCode::OK);
    let report = finished_report(&app, &admin, import).await;
    let boot_row = outcomes(&report)
        .into_iter()
        .find(|(name, ..)| name == "boot_fr_FR.jpg")
        .unwrap();
    assert_eq!(boot_row.1, "locale_file", "{boot_row:?}");
    let failed = outcomes(&report)
        .into_iter()
        .filter(|(_, outcome, _)| outcome == "failed")
        .count();
    assert_eq!(failed, 2);
    assert_eq!(
        asset_by_code(&app, &admin, "boot").await["locale_files"],
        json!(["fr_FR"])
    );

    // Nothing is waiting now: a second import has nothing to take.
    let again = app.post(&admin, "/api/manage/import_uploads", &[]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_import_cut_off_after_keeping_a_file_records_it_whole_when_resumed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let photo = fixture("hopper.jpg");
    let id = upload_all(&app, &admin, &[("resumed.jpg", photo.clone())])
        .await
        .remove(0);
    // The server went down right after keeping the file's bytes, before recording them.
    let db = app.database().await;
    let row = db
        .query_one(sea_orm::Statement::from_sql_and_values(
            db.get_database_backend(),
            match app.on_postgres() {
                true => "SELECT storage_handle, content_key FROM uploads WHERE id = $1",
                false => "SELECT storage_handle, content_key FROM uploads WHERE id = ?",
            },
            [id.clone().into()],
        ))
        .await
        .unwrap()
        .expect("the upload's row");
    let (handle, key): (String, String) = (row.try_get_by_index(0).unwrap(), row.try_get_by_index(1).unwrap());
    app.plant_kept_upload(&handle, &key, &photo);

    let import = start_import(&app, &admin).await;
    let report = finished_report(&app, &admin, import).await;
    assert_eq!(
        outcomes(&report),
        [("resumed.jpg".to_owned(), "new_asset".to_owned(), "New asset".to_owned())]
    );
    let asset = asset_by_code(&app, &admin, "resumed").await;
    let download = app
        .get(&admin, &format!("/api/view/assets/{}/download", asset["id"]))
        .await;
    assert_eq!(download.status(), StatusCode::OK, "{:?}", app.logged_trouble());
    assert_eq!(download.bytes().await.unwrap(), photo, "the file is whole");
}

#[tokio::test]
async fn dam_read_may_neither_upload_nor_import_and_only_admins_keep_the_locales() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "reader", "dam_read", "reader-password").await;
    app.create_user(&admin, "writer", "pim_write", "writer-password").await;
    let reader = app.signed_in("reader", "reader-password").await;
    let writer = app.signed_in("writer", "writer-password").await;
    upload_all(&app, &writer, &[("pump.jpg", fixture("hopper.jpg"))]).await;

    let refused = app.post(&reader, "/api/manage/import_uploads", &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = app
        .post(&writer, "/api/settings/add_locale", &[("code", "de_DE")])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let listed = body_json(app.post(&reader, "/api/view/locales", &[]).await).await;
    assert_eq!(listed, json!(["en_US"]), "everyone may read the list");

    let bad = app.post(&admin, "/api/settings/add_locale", &[("code", "de-DE")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(bad).await.contains("two lowercase letters"));
    let added = body_json(app.post(&admin, "/api/settings/add_locale", &[("code", "de_DE")]).await).await;
    assert_eq!(added, json!(["de_DE", "en_US"]));

    // The writer's import is theirs alone.
    let import = start_import(&app, &writer).await;
    let report = finished_report(&app, &writer, import).await;
    assert_eq!(outcomes(&report)[0].1, "new_asset");
    let others = app
        .post(
            &admin,
            "/api/manage/upload_import_report",
            &[("import_id", &import.to_string())],
        )
        .await;
    assert_eq!(others.status(), StatusCode::NOT_FOUND);

    // A locale with files stays in the list.
    let pump = asset_by_code(&app, &admin, "pump").await;
    app.save_details(&admin, pump["id"].as_i64().unwrap(), &[("localizable", "on")])
        .await;
    upload_all(&app, &admin, &[("pump_de_DE.jpg", fixture("hopper.png"))]).await;
    let import = start_import(&app, &admin).await;
    finished_report(&app, &admin, import).await;
    let kept = app
        .post(&admin, "/api/settings/remove_locale", &[("code", "de_DE")])
        .await;
    assert_eq!(kept.status(), StatusCode::CONFLICT);
    assert!(error_text(kept).await.contains("1 asset(s) have a file for de_DE"));
    let unticked = admin
        .post(app.url("/api/manage/update_asset"))
        .form(&[
            ("asset_id", pump["id"].to_string()),
            (
                "revision",
                asset_by_code(&app, &admin, "pump").await["revision"].to_string(),
            ),
            ("name", "pump".into()),
            ("description", String::new()),
            ("labels", String::new()),
            ("availability", "automatic".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        unticked.status(),
        StatusCode::CONFLICT,
        "a localizable asset with locale files stays so"
    );
}

#[tokio::test]
async fn a_locale_file_has_its_own_versions_downloads_and_links_and_other_locales_fall_back() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for code in ["fr_FR", "de_DE"] {
        let added = app.post(&admin, "/api/settings/add_locale", &[("code", code)]).await;
        assert_eq!(added.status(), StatusCode::OK);
    }
    let main = fixture("hopper.jpg");
    let id = app.upload_id(&admin, "sign.jpg", main.clone()).await;

    // A version for a locale through the protocol is refused while the asset is not localizable.
    let french = fixture("hopper.png");
    let upload = upload_all(&app, &admin, &[("panneau.png", french.clone())])
        .await
        .remove(0);
    let finish = |upload: String| {
        let (app, admin) = (&app, &admin);
        async move {
            admin
                .post(app.url(&format!("/api/manage/uploads/{upload}/finish")))
                .query(&[("asset_id", id.to_string()), ("locale", "fr_FR".to_owned())])
                .send()
                .await
                .unwrap()
        }
    };
    let refused = finish(upload.clone()).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(refused).await.contains("not localizable"));
    app.save_details(&admin, id, &[("localizable", "on")]).await;
    let added = finish(upload).await;
    assert_eq!(added.status(), StatusCode::OK, "{:?}", app.logged_trouble());
    let second = upload_all(&app, &admin, &[("panneau-v2.gif", fixture("hopper.gif"))])
        .await
        .remove(0);
    assert_eq!(finish(second).await.status(), StatusCode::OK);

    let download = |query: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let response = app.get(admin, &format!("/api/view/assets/{id}/download{query}")).await;
            assert_eq!(response.status(), StatusCode::OK, "{query}");
            response.bytes().await.unwrap().to_vec()
        }
    };
    assert_eq!(download("").await, main, "the main file stays the main file");
    assert_eq!(download("?locale=fr_FR").await, fixture("hopper.gif"));
    assert_eq!(
        download("?locale=de_DE").await,
        main,
        "a locale with no file of its own falls back"
    );
    assert_eq!(download("/../versions/1/download?locale=fr_FR").await, french);

    let versions = |locale: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let listed = app
                .get(admin, &format!("/api/view/list_versions?asset_id={id}&locale={locale}"))
                .await;
            body_json(listed).await.as_array().unwrap().len()
        }
    };
    assert_eq!(
        (versions("").await, versions("fr_FR").await, versions("de_DE").await),
        (1, 2, 0)
    );
    let restored = app
        .post(
            &admin,
            "/api/manage/restore_version",
            &[("asset_id", &id.to_string()), ("number", "1"), ("locale", "fr_FR")],
        )
        .await;
    assert_eq!(restored.status(), StatusCode::OK);
    assert_eq!(body_json(restored).await["current"]["number"], 3);
    assert_eq!(
        download("?locale=fr_FR").await,
        french,
        "restored as the French file's version 3"
    );
    assert_eq!(versions("").await, 1, "the main file's versions are its own");

    // The static link takes the locale too, once the asset is published.
    app.set_availability(&admin, id, "public").await;
    let links = body_json(
        app.post(
            &admin,
            "/api/view/copy_links",
            &[("asset_id", &id.to_string()), ("locale", "fr_FR")],
        )
        .await,
    )
    .await;
    let static_link = links["static_link"].as_str().unwrap();
    assert!(static_link.ends_with("?locale=fr_FR"), "{static_link}");
    let path = static_link.split_once("/static/").unwrap().1;
    let anonymous = app.client();
    let opened = app.get(&anonymous, &format!("/static/{path}")).await;
    assert_eq!(opened.bytes().await.unwrap().to_vec(), french);
    let main_link = format!("/static/{}", path.split_once('?').unwrap().0);
    let opened = app.get(&anonymous, &main_link).await;
    assert_eq!(opened.bytes().await.unwrap().to_vec(), main);
}
