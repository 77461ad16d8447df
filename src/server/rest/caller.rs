//! Every API route takes a `Caller`: the request's token checked, its owner loaded as they are
//! now, the token's rate counted. The session cookie is never read.

use axum::{extract::FromRequestParts, http::header, http::request::Parts};

use super::problem::ApiError;
use crate::server::{
    api_tokens::{self, Caller},
    state::AppState,
};

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok());
        Ok(api_tokens::authenticate(state, authorization).await?)
    }
}
