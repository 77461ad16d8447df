//! `/api/docs`: the reference page, rendered once from the OpenAPI document when the server
//! starts (the document does not change while it runs), in damson's own stylesheet.

use axum::{Router, body::Bytes, response::Html, routing::get};
use leptos::prelude::*;
use utoipa::openapi::OpenApi;

use crate::domain::{ApiReference, paths};
use crate::server::state::AppState;
use crate::ui::ApiReferencePage;

/// The page's route, answering the page rendered from `document`.
pub fn page(document: &OpenApi, options: &LeptosOptions) -> Router<AppState> {
    let reference = serde_json::to_value(document).map_or_else(
        |_| ApiReference::default(),
        |document| ApiReference::from_openapi(&document),
    );
    let stylesheet = crate::app::stylesheet(options);
    let body = Owner::new().with(|| view! { <ApiReferencePage reference /> }.to_html());
    let html = Bytes::from(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>damson API reference</title><link rel=\"stylesheet\" href=\"{stylesheet}\">\
         <link rel=\"icon\" href=\"{}\" type=\"image/svg+xml\"></head><body>{body}</body></html>",
        paths::ICON
    ));
    Router::new().route(paths::API_DOCS, get(move || async move { Html(html) }))
}
