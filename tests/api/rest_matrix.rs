//! Every operation of the API is bound twice: by the token's scope and by its owner's role today.
//! A token of each role with each scope asks every operation once; it is refused (403) exactly
//! when the scope or the role lacks what the operation needs, and otherwise gets past both checks.

use futures_util::future::join_all;
use reqwest::{Method, StatusCode, header};
use serde_json::Value;
use std::collections::BTreeSet;

use crate::api_tokens::{api, secret};
use crate::helpers::{TestApp, json};

/// What a scope lets a role do, as damson's roles grant it.
fn role_grants(role: &str, scope: &str) -> bool {
    match scope {
        "assets:read" | "catalog:read" => true,
        "assets:write" => role != "dam_read",
        "catalog:write" => matches!(role, "system_admin" | "pim_admin" | "pim_write"),
        "webhooks:manage" => role == "system_admin",
        other => panic!("unknown scope {other}"),
    }
}

/// Each operation: method, the document's path, a request for it, the scope it needs, a body.
/// Targets that do not exist keep an allowed request from changing anything.
const OPERATIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("GET", "/assets", "/assets", "assets:read", ""),
    ("POST", "/assets", "/assets?file_name=matrix.txt", "assets:write", "x"),
    ("PATCH", "/assets", "/assets", "assets:write", "[]"),
    (
        "GET",
        "/assets/by-code/{code}",
        "/assets/by-code/none",
        "assets:read",
        "",
    ),
    ("GET", "/assets/{id}", "/assets/999999", "assets:read", ""),
    ("PATCH", "/assets/{id}", "/assets/999999", "assets:write", "{}"),
    ("DELETE", "/assets/{id}", "/assets/999999", "assets:write", ""),
    ("GET", "/assets/{id}/links", "/assets/999999/links", "assets:read", ""),
    (
        "GET",
        "/assets/{id}/renditions/{kind}",
        "/assets/999999/renditions/thumbnail",
        "assets:read",
        "",
    ),
    (
        "PATCH",
        "/assets/{id}/categories",
        "/assets/999999/categories",
        "assets:write",
        "{}",
    ),
    (
        "GET",
        "/assets/{id}/versions",
        "/assets/999999/versions",
        "assets:read",
        "",
    ),
    (
        "POST",
        "/assets/{id}/versions",
        "/assets/999999/versions?file_name=x.txt",
        "assets:write",
        "x",
    ),
    (
        "GET",
        "/assets/{id}/versions/{number}/file",
        "/assets/999999/versions/1/file",
        "assets:read",
        "",
    ),
    (
        "POST",
        "/assets/{id}/versions/{number}/restore",
        "/assets/999999/versions/1/restore",
        "assets:write",
        "",
    ),
    (
        "POST",
        "/imports",
        "/imports",
        "assets:write",
        r#"{"uploads":["none"]}"#,
    ),
    ("GET", "/imports/{id}", "/imports/999999", "assets:write", ""),
    ("GET", "/products", "/products", "catalog:read", ""),
    ("GET", "/products/{number}", "/products/NONE", "catalog:read", ""),
    (
        "PUT",
        "/products/{number}",
        "/products/MATRIX-1",
        "catalog:write",
        r#"{"name":"Matrix"}"#,
    ),
    (
        "PATCH",
        "/products/{number}/assets",
        "/products/NONE/assets",
        "assets:write",
        "{}",
    ),
    (
        "PUT",
        "/products/{number}/assets/order",
        "/products/NONE/assets/order",
        "assets:write",
        r#"{"assets":[]}"#,
    ),
    (
        "PATCH",
        "/products/{number}/categories",
        "/products/NONE/categories",
        "catalog:write",
        "{}",
    ),
    (
        "PUT",
        "/products/{number}/status",
        "/products/NONE/status",
        "catalog:write",
        r#"{"status":"draft"}"#,
    ),
    ("GET", "/catalogs", "/catalogs", "catalog:read", ""),
    (
        "POST",
        "/uploads",
        "/uploads",
        "assets:write",
        r#"{"file_name":"matrix.bin","size":1}"#,
    ),
    ("GET", "/uploads/{id}", "/uploads/none", "assets:write", ""),
    ("PUT", "/uploads/{id}", "/uploads/none?offset=0", "assets:write", "x"),
    ("DELETE", "/uploads/{id}", "/uploads/none", "assets:write", ""),
    ("GET", "/webhooks", "/webhooks", "webhooks:manage", ""),
    (
        "POST",
        "/webhooks",
        "/webhooks",
        "webhooks:manage",
        r#"{"url":"ftp://refused.example/","events":["asset.created"]}"#,
    ),
    ("GET", "/webhooks/{id}", "/webhooks/999999", "webhooks:manage", ""),
    ("PATCH", "/webhooks/{id}", "/webhooks/999999", "webhooks:manage", "{}"),
    ("DELETE", "/webhooks/{id}", "/webhooks/999999", "webhooks:manage", ""),
    (
        "GET",
        "/webhooks/{id}/attempts",
        "/webhooks/999999/attempts",
        "webhooks:manage",
        "",
    ),
    (
        "POST",
        "/webhooks/{id}/test",
        "/webhooks/999999/test",
        "webhooks:manage",
        "",
    ),
    (
        "POST",
        "/webhooks/{id}/deliveries/{delivery}/resend",
        "/webhooks/999999/deliveries/1/resend",
        "webhooks:manage",
        "",
    ),
    (
        "POST",
        "/uploads/{id}/finish",
        "/uploads/none/finish",
        "assets:write",
        "",
    ),
];

const SCOPES: [&str; 5] = [
    "assets:read",
    "assets:write",
    "catalog:read",
    "catalog:write",
    "webhooks:manage",
];
const ROLES: [&str; 5] = ["system_admin", "pim_admin", "pim_write", "dam_write", "dam_read"];

#[tokio::test]
async fn each_role_with_each_scope_may_do_exactly_what_both_allow() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;

    // The table covers every operation the document lists.
    let document = json(app.get(&app.client(), "/api/v1/openapi.json").await).await;
    let documented: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(|method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let tabled: BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|(method, path, ..)| ((*method).to_owned(), (*path).to_owned()))
        .collect();
    assert_eq!(documented, tabled);

    let mut wrong = Vec::new();
    for role in ROLES {
        let user = format!("matrix-{role}");
        app.create_user(&admin, &user, role, "correct horse battery").await;
        let client = app.signed_in(&user, "correct horse battery").await;
        for scope in SCOPES {
            let secret = secret(&app, &client, &[scope]).await;
            let answers = join_all(OPERATIONS.iter().map(|(method, _, request, _, body)| {
                let method = Method::from_bytes(method.as_bytes()).unwrap();
                let request = api(&app, &secret, method, &format!("/api/v1{request}"));
                let request = match *body {
                    "" => request,
                    "x" => request
                        .header(header::CONTENT_TYPE, "application/octet-stream")
                        .body("x"),
                    json => request
                        .header(header::CONTENT_TYPE, "application/json")
                        .body(json.to_owned()),
                };
                async move { request.header(header::IF_MATCH, "\"1\"").send().await.unwrap() }
            }))
            .await;
            for ((method, path, _, needs, _), answer) in OPERATIONS.iter().zip(answers) {
                let status = answer.status();
                let allowed = scope == *needs && role_grants(role, needs);
                let refused = status == StatusCode::FORBIDDEN;
                if allowed == refused || status == StatusCode::UNAUTHORIZED || status.is_server_error() {
                    let problem: Value = answer.json().await.unwrap_or_default();
                    wrong.push(format!(
                        "{role} with {scope}: {method} {path} answered {status} {}",
                        problem["detail"]
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
