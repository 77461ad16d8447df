//! The HTML document and the routes; pages live in `ui`.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, LazyRoute, SsrMode,
    components::{ParentRoute, Redirect, Route, Router, Routes},
    lazy_route, path,
};

use crate::ui::{
    AppShell, AssetCategoriesPage, AssetDetails, AssetsPage, CatalogsPage, NoAssetOpen, NotFound, ProductPage,
    ProductsPage, SelectProductsPage, SettingsPage, SignInPage, UploadAssetsPage, UsersPage,
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
                    <Route path=path!("/") view=|| view! { <Redirect path=crate::domain::paths::ASSETS /> } ssr=SsrMode::Async />
                    <Route path=path!("/assets/upload") view={Lazy::<UploadAssetsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assets/:asset_id/products") view={Lazy::<SelectProductsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/assets/:asset_id/categories") view={Lazy::<AssetCategoriesRoute>::new()} ssr=SsrMode::Async />
                    // One parent route, so opening or closing an asset keeps the grid and its uploads.
                    <ParentRoute path=path!("/assets") view=AssetsPage ssr=SsrMode::Async>
                        <Route path=path!("") view=NoAssetOpen ssr=SsrMode::Async />
                        <Route path=path!(":asset_id") view={Lazy::<AssetDetailsRoute>::new()} ssr=SsrMode::Async />
                    </ParentRoute>
                    <Route path=path!("/products") view={Lazy::<ProductsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/products/:product_id") view={Lazy::<ProductRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/catalogs") view={Lazy::<CatalogsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users") view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The pages one rarely lands on, and an opened asset's details, are chunks of wasm of their own,
/// loaded when first shown: the Assets page, where everyone lands, loads only its grid and the
/// frame (the README's "Browser bundle" has the sizes).
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                view! { <$page /> }.into_any()
            }
        }
    };
}

lazy_page!(AssetDetailsRoute, AssetDetails);
lazy_page!(UploadAssetsRoute, UploadAssetsPage);
lazy_page!(SelectProductsRoute, SelectProductsPage);
lazy_page!(AssetCategoriesRoute, AssetCategoriesPage);
lazy_page!(ProductsRoute, ProductsPage);
lazy_page!(ProductRoute, ProductPage);
lazy_page!(CatalogsRoute, CatalogsPage);
lazy_page!(UsersRoute, UsersPage);
lazy_page!(SettingsRoute, SettingsPage);
