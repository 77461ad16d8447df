//! The HTML document and the routes; pages live in `ui`.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Redirect, Route, Router, Routes},
    path,
};

use crate::ui::{
    AppShell, AssetCategoriesPage, AssetsPage, CatalogsPage, NotFound, ProductPage, ProductsPage, SelectProductsPage,
    SettingsPage, SignInPage, UploadAssetsPage, UsersPage,
};

const KEEP_DROPPED_FILES_OFF_THE_PAGE: &str =
    "for (const type of ['dragover', 'drop']) addEventListener(type, (event) => event.preventDefault());";

/// The document around the app, rendered on the server. The stylesheet is named after the
/// bundle (`damson.<hash>.css`), which the server found at start.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                // A file dropped before the page is ready, or beside a drop area, must not make the
                // browser leave the page (and the uploads in progress) to show the file.
                <script inner_html=KEEP_DROPPED_FILES_OFF_THE_PAGE></script>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Every page waits for its data on the server (`SsrMode::Async`), so it is complete with JavaScript off.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="damson" />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=AppShell ssr=SsrMode::Async>
                    <Route path=path!("/") view=|| view! { <Redirect path="/assets" /> } ssr=SsrMode::Async />
                    <Route path=path!("/assets/upload") view=UploadAssetsPage ssr=SsrMode::Async />
                    // One route, so opening or closing an asset keeps the grid and its uploads.
                    <Route path=path!("/assets/:asset_id?") view=AssetsPage ssr=SsrMode::Async />
                    <Route path=path!("/assets/:asset_id/products") view=SelectProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/assets/:asset_id/categories") view=AssetCategoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/products") view=ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/products/:product_id") view=ProductPage ssr=SsrMode::Async />
                    <Route path=path!("/catalogs") view=CatalogsPage ssr=SsrMode::Async />
                    <Route path=path!("/users") view=UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
