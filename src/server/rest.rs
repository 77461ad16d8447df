//! The integration API, `/api/v1`: JSON for programs other than damson's pages (the PIM, the web
//! shop, scripts). A request is authenticated by its API token alone, never by the session cookie,
//! so no other site can make a browser use it; errors are RFC 9457 problems with a stable `code`
//! beside the message the pages show. Each route calls the use cases the pages call, and is
//! registered together with its OpenAPI description (utoipa-axum), so the document served at
//! `/api/v1/openapi.json` cannot drift from the routes.

mod assets;
mod batch;
mod caller;
mod catalogs;
mod idempotency;
mod problem;
mod products;
mod reference;
mod renditions;
mod uploads;
mod versions;
mod webhooks;
mod wire;

use axum::{
    Json, Router, middleware,
    routing::{any, get},
};
use std::sync::Arc;
use utoipa::{
    Modify, OpenApi,
    openapi::{
        Required, Type,
        path::{ParameterBuilder, ParameterIn},
        schema::ObjectBuilder,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::state::AppState;
use crate::domain::{AppError, paths};

/// The API's routes, to nest under `/api/v1` (with its OpenAPI document at `/openapi.json`), and
/// its reference page for people, at `/api/docs`.
pub fn routers(state: AppState) -> (Router<AppState>, Router<AppState>) {
    let (router, mut document) = OpenApiRouter::with_openapi(Document::openapi())
        .routes(routes!(assets::list, assets::create, batch::change))
        .routes(routes!(assets::by_id, assets::update, assets::delete))
        .routes(routes!(assets::by_code))
        .routes(routes!(versions::list, versions::add))
        .routes(routes!(versions::file))
        .routes(routes!(versions::restore))
        .routes(routes!(renditions::rendition))
        .routes(routes!(renditions::links))
        .routes(routes!(catalogs::change_asset_categories))
        .routes(routes!(products::list))
        .routes(routes!(products::get, products::put))
        .routes(routes!(products::set_status))
        .routes(routes!(products::change_assets))
        .routes(routes!(products::reorder_assets))
        .routes(routes!(products::change_categories))
        .routes(routes!(catalogs::list))
        .routes(routes!(uploads::create))
        .routes(routes!(uploads::show, uploads::chunk, uploads::remove))
        .routes(routes!(uploads::finish))
        .routes(routes!(uploads::start_import))
        .routes(routes!(uploads::import_report))
        .routes(routes!(webhooks::list, webhooks::create))
        .routes(routes!(webhooks::get, webhooks::change, webhooks::remove))
        .routes(routes!(webhooks::attempts))
        .routes(routes!(webhooks::test))
        .routes(routes!(webhooks::resend))
        .split_for_parts();
    // After the routes are in: the document's own modifiers run before there are any.
    IdempotencyKey.modify(&mut document);
    OperationIds.modify(&mut document);
    let reference = reference::page(&document, &state.leptos_options);
    let document = Arc::new(document);
    // The token is checked first (outermost), so that a key is claimed for a known caller.
    let v1 = router
        .route_layer(middleware::from_fn_with_state(state.clone(), idempotency::idempotent))
        .route_layer(middleware::from_fn_with_state(state, caller::authenticated))
        .route(
            paths::api_v1::UNKNOWN,
            any(|| async { problem::ApiError(AppError::NotFound) }),
        )
        .route(
            paths::api_v1::OPENAPI,
            get(move || {
                let document = Arc::clone(&document);
                async move { Json(document.as_ref().clone()) }
            }),
        )
        .layer(middleware::map_response(problem::as_problem));
    (v1, reference)
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "damson API",
        version = "1",
        description = "Assets, their versions and links, products and catalogs, for programs. \
            Authenticate with an API token made on damson's API tokens page: \
            `Authorization: Bearer dam_…`. Errors are `application/problem+json` (RFC 9457) with a \
            stable `code`."
    ),
    servers((url = "/api/v1")),
    modifiers(&TokenScheme),
    security(("api_token" = [])),
    tags(
        (name = "assets", description = "Product photos, videos and documents"),
        (name = "versions", description = "The files of an asset, one version after another; never changed once kept"),
        (name = "products", description = "Products by number, their status and the assets that illustrate them"),
        (name = "catalogs", description = "Catalogs, their category trees, and the categories of assets"),
        (name = "uploads", description = "The resumable upload protocol: a file in chunks, resumed after a break; imports of many files with a report"),
        (name = "webhooks", description = "Endpoints told of changes by signed messages (Standard Webhooks), and their delivery log"),
    )
)]
struct Document;

/// The bearer token every operation asks for.
struct TokenScheme;

impl Modify for TokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("dam_…")
                    .description(Some(
                        "An API token; its scopes and its owner's role bound what it may do.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every POST takes an `Idempotency-Key` (the rules are `server::idempotency`'s).
struct IdempotencyKey;

impl Modify for IdempotencyKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let key = ParameterBuilder::new()
            .name("Idempotency-Key")
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .schema(Some(
                ObjectBuilder::new().schema_type(Type::String).max_length(Some(255)),
            ))
            .description(Some(
                "Any unique text, such as a UUID: the same request sent again with it within 24 hours gets the \
                 first answer (with `Idempotent-Replayed: true`) and does nothing twice; another request with it is \
                 refused (422), and one sent while the first is on its way is told to wait (409).",
            ))
            .build();
        for item in openapi.paths.paths.values_mut() {
            if let Some(post) = item.post.as_mut() {
                post.parameters.get_or_insert_with(Vec::new).push(key.clone().into());
            }
        }
    }
}

/// Operation ids unique across the document, as OpenAPI wants and clients generate names from:
/// the handler's name under its tag (`assets_list`, `products_list`).
struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                let tag = operation.tags.as_ref().and_then(|tags| tags.first()).cloned();
                if let (Some(tag), Some(id)) = (tag, operation.operation_id.as_mut()) {
                    *id = format!("{tag}_{id}");
                }
            }
        }
    }
}
