//! The HTML document and the routes; pages live in `ui`.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, LazyRoute, ParamSegment, SsrMode, StaticSegment,
    components::{ParentRoute, Redirect, Route, Router, Routes},
    lazy_route,
};

use crate::ui::{
    ApiTokensPage, AppShell, AssetCategoriesPage, AssetDetails, AssetsPage, CatalogsPage, NoAssetOpen, NotFound,
    ProductPage, ProductsPage, SelectProductsPage, SettingsPage, SignInPage, UploadAssetsPage, UsersPage, WebhooksPage,
};

const KEEP_DROPPED_FILES_OFF_THE_PAGE: &str =
    "for (const type of ['dragover', 'drop']) addEventListener(type, (event) => event.preventDefault());";

/// The document around the app, rendered on the server. The stylesheet is named after the
/// bundle (`damson.<hash>.css`), which the server found at start.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = stylesheet(&options);
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
                <link rel="icon" href=crate::domain::paths::ICON type="image/svg+xml" />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The address of the bundle's stylesheet, for every document the server renders.
pub fn stylesheet(options: &LeptosOptions) -> String {
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
}

/// Every page waits for its data on the server (`SsrMode::Async`), so it is complete with JavaScript off.
/// The pages are declared by the parts of their addresses in `domain::paths`, which builds every
/// link to them.
#[component]
pub fn App() -> impl IntoView {
    use crate::domain::paths::{self, segments::*};
    provide_meta_context();
    let asset = ParamSegment(ASSET_ID);
    view! {
        <Title text="damson" />
        <Router>
            <Routes fallback=NotFound>
                <Route path=(StaticSegment(SIGN_IN),) view=SignInPage ssr=SsrMode::Async />
                <ParentRoute path=() view=AppShell ssr=SsrMode::Async>
                    <Route path=() view=|| view! { <Redirect path=paths::ASSETS /> } ssr=SsrMode::Async />
                    <Route path=(StaticSegment(ASSETS), StaticSegment(UPLOAD)) view={Lazy::<UploadAssetsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(ASSETS), asset, StaticSegment(PRODUCTS)) view={Lazy::<SelectProductsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(ASSETS), asset, StaticSegment(CATEGORIES)) view={Lazy::<AssetCategoriesRoute>::new()} ssr=SsrMode::Async />
                    // One parent route, so opening or closing an asset keeps the grid and its uploads.
                    <ParentRoute path=(StaticSegment(ASSETS),) view=AssetsPage ssr=SsrMode::Async>
                        <Route path=() view=NoAssetOpen ssr=SsrMode::Async />
                        <Route path=(asset,) view={Lazy::<AssetDetailsRoute>::new()} ssr=SsrMode::Async />
                    </ParentRoute>
                    <Route path=(StaticSegment(PRODUCTS),) view={Lazy::<ProductsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(PRODUCTS), ParamSegment(PRODUCT_ID)) view={Lazy::<ProductRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(CATALOGS),) view={Lazy::<CatalogsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(USERS),) view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(SETTINGS),) view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(SETTINGS), StaticSegment(WEBHOOKS)) view={Lazy::<WebhooksRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(API_TOKENS),) view={Lazy::<ApiTokensRoute>::new()} ssr=SsrMode::Async />
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
lazy_page!(ApiTokensRoute, ApiTokensPage);
lazy_page!(WebhooksRoute, WebhooksPage);
