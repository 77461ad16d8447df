//! Text people type reaches the page as text, never as markup: in the server-rendered HTML
//! (raw-text elements such as `<textarea>` included), in attributes and in the hydration data.

use reqwest::StatusCode;

use crate::helpers::{TestApp, error_text, fixture, json};

const BREAKOUT: &str = "</textarea><img src=x onerror=alert(1)>";
const SCRIPT: &str = "</script><script>alert(2)</script>";

/// Whether any hostile markup made it into `html` as markup.
fn live_markup(html: &str) -> Vec<&'static str> {
    ["<img src=x onerror", "<script>alert(", "</textarea><img"]
        .into_iter()
        .filter(|markup| html.contains(markup))
        .collect()
}

#[tokio::test]
async fn hostile_names_descriptions_and_file_names_render_as_text_for_managers_and_readers() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // A file name can hold markup too (it has no slash).
    let id = app
        .upload_id(&admin, "<img src=x onerror=alert(3)>.png", fixture("hopper.png"))
        .await;
    app.save_details(
        &admin,
        id,
        &[
            ("name", &format!("{SCRIPT} \"quoted\" 'name'")),
            ("description", &format!("{BREAKOUT}\n{SCRIPT}")),
        ],
    )
    .await;
    app.create_user(&admin, "reader", "dam_read", "reader-password").await;
    let reader = app.signed_in("reader", "reader-password").await;

    for (who, client) in [("manager", &admin), ("reader", &reader)] {
        for tab in ["details", "versions"] {
            let page = app.get(client, &format!("/assets/{id}?tab={tab}")).await;
            assert_eq!(page.status(), StatusCode::OK);
            let html = page.text().await.unwrap();
            assert_eq!(live_markup(&html), Vec::<&str>::new(), "{who}, {tab} tab");
            // The text is there, escaped, for a person to read.
            assert!(
                html.contains("&lt;/script&gt;&lt;script&gt;alert(2)"),
                "{who}, {tab}: the name is shown"
            );
        }
        let grid = app.get(client, "/assets").await.text().await.unwrap();
        assert_eq!(live_markup(&grid), Vec::<&str>::new(), "{who}, grid");
    }
    let details = app
        .get(&admin, &format!("/assets/{id}?tab=details"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        details.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "the description is in the textarea, escaped"
    );
    // The saved text itself is kept exactly.
    let asset = json(app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await).await;
    assert_eq!(asset["description"], format!("{BREAKOUT}\n{SCRIPT}"));
}

#[tokio::test]
async fn names_that_read_as_something_else_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // U+202E turns "rlo_\u{202e}gpj.exe" into what reads as "rlo_exe.jpg".
    let upload = app.upload(&admin, "rlo_\u{202e}gpj.exe", fixture("hopper.png")).await;
    assert_eq!(upload.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(upload).await.contains("U+202E"));
    assert!(app.stored_files().is_empty());

    let id = app.upload_id(&admin, "plain.png", fixture("hopper.png")).await;
    let asset = json(app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await).await;
    let renamed = app
        .post(
            &admin,
            "/api/manage/update_asset",
            &[
                ("asset_id", &id.to_string()),
                ("revision", &asset["revision"].to_string()),
                ("name", "invoice\u{200b}2026"),
                ("description", ""),
                ("labels", ""),
                ("availability", "internal"),
            ],
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = error_text(renamed).await;
    assert!(
        message.contains("Asset name") && message.contains("U+200B"),
        "{message}"
    );
    let kept = json(app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await).await;
    assert_eq!(kept["name"], "plain");
}

#[tokio::test]
async fn text_no_database_can_store_is_refused_with_a_message_not_a_server_error() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "nul.png", fixture("hopper.png")).await;
    let asset = json(app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await).await;
    let saved = app
        .post(
            &admin,
            "/api/manage/update_asset",
            &[
                ("asset_id", &id.to_string()),
                ("revision", &asset["revision"].to_string()),
                ("name", "nul"),
                ("description", "before\0after"),
                ("labels", ""),
                ("availability", "internal"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(saved).await.contains("U+0000"));
    for name in ["ad\0min", "nul\0.png"] {
        let signed_in = app.sign_in(&app.client(), name, "whatever-password").await;
        assert_eq!(signed_in.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        assert!(error_text(signed_in).await.contains("U+0000 (NUL)"));
    }
    let upload = app.upload(&admin, "nul\0.png", fixture("hopper.png")).await;
    assert_eq!(upload.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_nul_in_a_search_filter_page_link_or_name_is_refused_alike_on_every_database() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let kept = app
        .upload_id(&admin, "kept_with_nul_around.png", fixture("hopper.png"))
        .await;
    // The grid's filter travels as a query inside the query: `%2500` is a NUL once both are read.
    for path in [
        "/api/view/list_assets?filter=q%3Dred%2500shoe",
        "/api/view/filter_counts?filter=q%3Dred%2500shoe",
        "/api/view/filter_counts?filter=label%3Dsum%2500mer",
        "/api/view/list_assets?filter=product%3DP%2500",
        "/api/view/list_assets?filter=sort%3Dname&after=1~kept%00",
        "/api/view/list_products?filter=search%3Dsh%2500oe",
        "/api/view/list_products?after=P%00",
        "/api/view/matching_products?filter=search%3Dsh%2500oe",
    ] {
        let response = app.get(&admin, path).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let message = error_text(response).await;
        assert!(message.contains("U+0000 (NUL)"), "{path}: {message}");
    }
    let view = app
        .post(
            &admin,
            "/api/view/save_asset_view",
            &[("name", "Red\0shoes"), ("query", "type=image")],
        )
        .await;
    assert_eq!(view.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_text(view).await.contains("U+0000"));
    let product = app
        .post(
            &admin,
            "/api/catalog/save_product",
            &[("number", "P1"), ("name", "Boot\0"), ("description", "")],
        )
        .await;
    assert_eq!(product.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let imported = admin
        .post(app.url("/api/catalog/import/products"))
        .header(reqwest::header::CONTENT_TYPE, "text/csv")
        .body("number,name,description,status,categories\nP2,Good boot,,,\nP3,Bad\0boot,,,\n")
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), StatusCode::OK);
    let report = json(imported).await;
    assert_eq!(report["created"], 1, "{report}");
    assert!(
        report["refused"][0]["reason"].as_str().unwrap().contains("U+0000"),
        "{report}"
    );

    // A file is bytes, NULs and all, whatever type a client says it sends.
    let bytes = fixture("hopper.png");
    assert!(bytes.contains(&0));
    let created = admin
        .post(app.url("/api/manage/uploads"))
        .json(&serde_json::json!({ "file_name": "bytes_with_nul.png", "size": bytes.len() }))
        .send()
        .await
        .unwrap();
    let upload = json(created).await["id"].as_str().unwrap().to_owned();
    let chunk = admin
        .put(app.url(&format!("/api/manage/uploads/{upload}?offset=0")))
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(chunk.status(), StatusCode::OK);
    let file = admin
        .post(app.url(&format!("/api/manage/uploads/{upload}/finish")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), StatusCode::OK);

    // A page reached with one shows the reason where the filter is, and the server goes on.
    let page = app.get(&admin, "/assets?q=red%00shoe").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Search cannot contain the control character U+0000")
    );
    let listed = json(app.get(&admin, "/api/view/list_assets?filter=").await).await;
    assert!(
        listed["cards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|card| card["id"] == kept),
        "{listed}"
    );
}
