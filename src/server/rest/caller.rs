//! Every API route acts for a `Caller`: the request's token checked once, before the route, its
//! owner loaded as they are now, the token's rate counted. The session cookie is never read.

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::problem::ApiError;
use crate::server::{
    api_tokens::{self, Caller},
    errors::internal,
    state::AppState,
};

/// Checks the request's token and hands its `Caller` to what follows; a 401 problem without one.
pub async fn authenticated(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    match api_tokens::authenticate(&state, authorization).await {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => ApiError(error).into_response(),
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError(internal("wiring", "an API route without the token check")))
    }
}
