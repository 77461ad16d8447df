//! The browser's files: named after their content, sent compressed and kept for a year; and
//! damson started from anywhere, with or without its configuration file, serves pages that come
//! alive, or refuses to start when it has no browser files to serve.

use reqwest::{StatusCode, header};
use std::{path::Path, process::Stdio, time::Duration};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, BufReader},
    process::Command,
};

use crate::helpers::{ADMIN_PASSWORD, TestApp};

/// The bundle's addresses a page names: its script, its wasm and its stylesheet.
fn bundle_addresses(html: &str) -> Vec<String> {
    let mut found: Vec<String> = html
        .split(['"', '\''])
        .filter(|part| part.starts_with("/pkg/") && part.contains("/damson"))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[tokio::test]
async fn pages_name_the_bundle_by_its_content_and_it_comes_compressed_and_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let page = app.get(&client, "/sign-in").await.text().await.unwrap();
    let mut addresses = bundle_addresses(&page);
    assert_eq!(addresses.len(), 3, "script, wasm and stylesheet: {addresses:?}");
    let folder = addresses[0].rsplit_once('/').unwrap().0.to_owned();
    let hash = folder.strip_prefix("/pkg/").unwrap();
    assert!(
        hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{addresses:?}"
    );
    assert!(addresses.iter().all(|a| a.starts_with(&folder)), "{addresses:?}");
    // The script loads the pages' chunks through the splitter's loader, beside it in the folder.
    addresses.push(format!("{folder}/__wasm_split.js"));
    for address in &addresses {
        let plain = app.get(&client, address).await;
        assert_eq!(plain.status(), StatusCode::OK, "{address}");
        let cache = plain.headers()[header::CACHE_CONTROL].to_str().unwrap().to_owned();
        assert_eq!(cache, "public, max-age=31536000, immutable", "{address}");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let size = plain.bytes().await.unwrap().len();
        for (accepts, encoding) in [("br, gzip", "br"), ("gzip", "gzip")] {
            let compressed = client
                .get(app.url(address))
                .header(header::ACCEPT_ENCODING, accepts)
                .send()
                .await
                .unwrap();
            assert_eq!(compressed.status(), StatusCode::OK);
            assert_eq!(compressed.headers()[header::CONTENT_ENCODING], encoding, "{address}");
            assert_eq!(compressed.headers()[header::CACHE_CONTROL], cache.as_str());
            let sent = compressed.bytes().await.unwrap().len();
            assert!(sent < size, "{address}: {encoding} sends {sent} of {size} bytes");
        }
    }
}

/// Starts damson in `folder` with no configuration file there, the browser's files at
/// `site_root`; its output once it listens or stops, and the process.
async fn start_in(folder: &Path, site_root: &Path) -> (Result<String, String>, tokio::process::Child) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_damson"))
        .current_dir(folder)
        .env_remove("DATABASE_URL")
        .env_remove("DAMSON_STORAGE_URL")
        .env_remove("LEPTOS_OUTPUT_NAME")
        .env_remove("LEPTOS_ENV")
        .env("DAMSON_DATA_DIR", folder.join("data"))
        .env("LEPTOS_SITE_ROOT", site_root)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("DAMSON_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("damson starts");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let mut said = String::new();
    let outcome = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(at) = line.find("listening on ") {
                return Ok(line[at + "listening on ".len()..].trim().to_owned());
            }
            said.push_str(&line);
            said.push('\n');
        }
        let mut errors = String::new();
        server.stderr.take().unwrap().read_to_string(&mut errors).await.unwrap();
        Err(format!("{said}{errors}"))
    })
    .await
    .expect("damson listens or stops within a minute");
    (outcome, server)
}

#[tokio::test]
async fn started_from_another_folder_without_its_configuration_file_its_pages_come_alive() {
    let folder = tempfile::tempdir().unwrap();
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/site");
    let (listening, _server) = start_in(folder.path(), &site).await;
    let address = listening.expect("damson listens");
    let page = reqwest::get(format!("{address}/sign-in"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let addresses = bundle_addresses(&page);
    assert!(addresses.iter().any(|a| a.ends_with(".js")), "{addresses:?}");
    assert!(!page.contains("/pkg/damson"), "a bundle outside its folder");
    for address_of_file in addresses {
        let file = reqwest::get(format!("{address}{address_of_file}")).await.unwrap();
        assert_eq!(file.status(), StatusCode::OK, "{address_of_file}");
    }
}

#[tokio::test]
async fn without_the_browser_files_damson_refuses_to_start_and_says_how_to_make_them() {
    let folder = tempfile::tempdir().unwrap();
    let (outcome, mut server) = start_in(folder.path(), &folder.path().join("no-site")).await;
    let said = outcome.expect_err("damson must not listen without its browser files");
    assert!(
        said.contains("scripts/build-site") && said.contains("no-site"),
        "{said}"
    );
    assert!(!server.wait().await.unwrap().success());
}

/// The signed-in frame is built once while a page renders on the server, so the grid's first page
/// is fetched once and its data written once into the page for hydration. (Built three times,
/// it was fetched three times, and a change between the fetches left the browser data that did
/// not match the HTML, which broke hydration.)
#[tokio::test]
async fn a_rendered_page_carries_its_data_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.upload_id(&admin, "quokka_once.txt", b"hello".to_vec()).await;
    let page = app.get(&admin, "/assets?q=quokka_once").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"title="quokka_once""#), "the card is rendered");
    assert_eq!(html.matches(r#"\"name\":\"quokka_once\""#).count(), 1, "{html}");
}
