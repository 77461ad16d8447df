//! The API's contract: schemathesis (a Python tool, installed by `scripts/setup --test`) sends
//! every operation of the OpenAPI document generated and edge-case requests, with a real token, to
//! a real server on real data, and fails on any 5xx or any answer the document does not describe.

use reqwest::{Method, StatusCode};
use serde_json::json as body;
use std::{path::Path, process::Stdio, time::Duration};

use crate::api_tokens::{api, secret};
use crate::helpers::{TestApp, fixture, json};

/// What the document promises: no server error, and statuses, content types, headers and bodies
/// as it describes them.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";

#[tokio::test]
async fn every_operation_answers_as_the_openapi_document_says() {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/schemathesis/bin/schemathesis");
    assert!(tool.exists(), "{} is missing: run scripts/setup --test", tool.display());
    // Thousands of requests in a few seconds: past the default rate, every answer would be a 429.
    let app = TestApp::spawn_with(&[("DAMSON_API_RATE_LIMIT", "1000000")]).await;
    let admin = app.admin().await;
    let secret = secret(
        &app,
        &admin,
        &[
            "assets:read",
            "assets:write",
            "catalog:read",
            "catalog:write",
            "webhooks:manage",
        ],
    )
    .await;
    // Something to find: assets of several kinds, a product illustrated by one.
    for (name, bytes) in [
        ("contract-photo.jpg", fixture("hopper.jpg")),
        ("contract-sheet.pdf", fixture("qoi-specification.pdf")),
        ("contract-notes.txt", b"notes".to_vec()),
    ] {
        app.upload_id(&admin, name, bytes).await;
    }
    let product = api(&app, &secret, Method::PUT, "/api/v1/products/CONTRACT-1")
        .json(&body!({"name": "Contract shoe"}))
        .send()
        .await
        .unwrap();
    assert_eq!(product.status(), StatusCode::CREATED);

    let run = tokio::process::Command::new(&tool)
        .args(["run", &app.url("/api/v1/openapi.json"), "--url", &app.url("/api/v1")])
        .args(["--header", &format!("Authorization: Bearer {secret}")])
        .args(["--checks", CHECKS, "--max-examples", "30", "--seed", "1"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(600), run)
        .await
        .expect("schemathesis finishes within 10 minutes")
        .expect("schemathesis runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "schemathesis found answers the document does not describe:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document = json(app.get(&app.client(), "/api/v1/openapi.json").await).await;
    let operations: usize = document["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|path| path.as_object().unwrap().len())
        .sum();
    assert!(
        report.contains(&format!("Tested: {operations}")),
        "all {operations} operations were tested:\n{report}"
    );
}
