//! The browser's files that `scripts/build-site` made under `site-root`: the bundle (the hydrating
//! JS, its wasm split into chunks and the stylesheet), in a folder named after a hash of their
//! content, and the public files.
//! The bundle is sent precompressed (brotli or gzip, as the browser accepts) and kept by browsers
//! for a year: a new build has new names, so nothing stale is ever served from a cache.

use axum::{
    Router,
    http::{HeaderValue, header},
    middleware,
    response::Response,
};
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// A bundle file is never changed under its name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Points the pages at the bundle's folder, as built: `options.site_pkg_dir` becomes
/// `pkg/<hash>`, so the pages load `/pkg/<hash>/damson.js`, and that script its wasm and chunks
/// beside it.
///
/// # Errors
/// A message saying which folder lacks the bundle and how to make it, when `site-root` holds no
/// build: damson would serve pages that never come alive.
pub fn name_bundle(options: &mut LeptosOptions) -> Result<(), String> {
    let folder = pkg_folder(options);
    let hash_file = folder.join(format!("{}.hash", options.output_name));
    let hash = std::fs::read_to_string(&hash_file).map_err(|error| {
        format!(
            "the browser's files are not in {} ({}: {error}). Build them with scripts/build-site \
             (scripts/run does), or set site-root (LEPTOS_SITE_ROOT) to the folder that holds them.",
            folder.display(),
            hash_file.display()
        )
    })?;
    let hash = hash.trim();
    if hash.is_empty() || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{} does not hold a bundle's hash", hash_file.display()));
    }
    let script = folder.join(hash).join(format!("{}.js", options.output_name));
    if !script.is_file() {
        return Err(format!(
            "{} is missing: build the browser's files again with scripts/build-site",
            script.display()
        ));
    }
    options.site_pkg_dir = format!("{}/{hash}", options.site_pkg_dir).into();
    Ok(())
}

/// `/pkg/<hash>/…`: the bundle, precompressed, cached for a year.
pub fn bundle_routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let files = ServeDir::new(pkg_folder(options))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), files)
        .layer(middleware::map_response(cached_for_a_year))
}

async fn cached_for_a_year(mut response: Response) -> Response {
    if response.status().is_success() || response.status().as_u16() == 304 {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    }
    response
}

fn pkg_folder(options: &LeptosOptions) -> PathBuf {
    Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref())
}
