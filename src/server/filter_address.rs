//! A page's filtering form sent without JavaScript (a plain GET form) carries its empty fields
//! (`/assets?q=shoe&product=&from=&to=`); the browser is sent on to the address of only what is
//! set before anything is rendered, so that what a person copies and shares reads cleanly.

use axum::{
    extract::Request,
    http::Method,
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

use crate::domain::paths;

pub async fn leave_out_empty_fields(request: Request, next: Next) -> Response {
    if request.method() == Method::GET
        && let Some(query) = request.uri().query()
        && let Some(tidy) = paths::without_empty_fields(request.uri().path(), query)
    {
        return Redirect::to(&tidy).into_response();
    }
    next.run(request).await
}
