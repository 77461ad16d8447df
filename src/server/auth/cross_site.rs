//! Writes come only from damson's own pages. A page on another site (or on another port of this
//! host) can make a browser send a form or a `fetch` with the user's cookie; the browser says
//! where the request came from in `Sec-Fetch-Site` and `Origin`, and such a request is refused
//! before anything runs. Requests that name no origin (API clients, old browsers) pass: they do not
//! ride a browser's cookie.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::domain::AppError;
use crate::server::state::AppState;

/// Refuses every request but `GET` and `HEAD` that says it came from another origin.
pub async fn refuse_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let reads_only = matches!(*request.method(), Method::GET | Method::HEAD);
    if !reads_only && !is_same_origin(request.headers(), state.config.public_url.as_deref()) {
        return AppError::CrossSite.into_response();
    }
    next.run(request).await
}

/// Whether the browser's own account of the request's origin is this site: `Sec-Fetch-Site` is
/// `same-origin` (or `none`, typed by the user), and `Origin` is the host the request was sent to
/// or the configured public URL.
fn is_same_origin(headers: &HeaderMap, public_url: Option<&str>) -> bool {
    let text = |name| {
        headers
            .get(name)
            .map(|value: &axum::http::HeaderValue| value.to_str().unwrap_or(""))
    };
    if let Some(site) = text("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else {
        return true;
    };
    let host = text(header::HOST.as_str()).unwrap_or("");
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    authority.is_some_and(|authority| !host.is_empty() && authority.eq_ignore_ascii_case(host))
        || public_url.is_some_and(|url| origin_of(url).eq_ignore_ascii_case(origin))
}

/// `https://dam.example` of `https://dam.example/dam`: scheme and authority, as `Origin` has them.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |slash| &url[..after_scheme + slash])
}

#[cfg(test)]
mod tests {
    use super::is_same_origin;
    use axum::http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.parse().unwrap(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn only_this_sites_own_pages_and_clients_without_an_origin_may_write() {
        let here = [("host", "127.0.0.1:3000")];
        assert!(is_same_origin(&headers(&here), None));
        let own_page = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(is_same_origin(&own_page, None));
        let other_port = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:4000")]);
        assert!(!is_same_origin(&other_port, None));
        let same_site = headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "same-site")]);
        assert!(!is_same_origin(&same_site, None));
        let cross_site = headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")]);
        assert!(!is_same_origin(&cross_site, None));
        let opaque = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(!is_same_origin(&opaque, None));
    }

    #[test]
    fn behind_a_proxy_the_public_url_is_this_site() {
        let proxied = headers(&[("host", "10.0.0.5:3000"), ("origin", "https://dam.example")]);
        assert!(is_same_origin(&proxied, Some("https://dam.example")));
        assert!(!is_same_origin(&proxied, Some("https://other.example")));
        assert!(is_same_origin(&proxied, Some("https://dam.example/dam")));
    }
}
