//! Every address damson serves, built in one place: the pages people open, the files the browser
//! fetches, and the links an asset is shared by. The server's routes are declared with the
//! patterns below, so that an address built here is one a route answers.

use std::fmt::Display;

use super::{AssetId, AssetSort, CsvImportKind, ProductId, RenditionKind};

/// The Assets page, damson's home.
pub const ASSETS: &str = "/assets";
/// The Upload assets page.
pub const UPLOAD_ASSETS: &str = "/assets/upload";
/// Select products for the assets selected in the grid.
pub const SELECTED_PRODUCTS: &str = "/assets/selected/products";
pub const PRODUCTS: &str = "/products";
pub const CATALOGS: &str = "/catalogs";
pub const USERS: &str = "/users";
pub const SETTINGS: &str = "/settings";
/// Settings → Webhooks.
pub const WEBHOOKS: &str = "/settings/webhooks";
pub const SIGN_IN: &str = "/sign-in";
/// Each user's API tokens.
pub const API_TOKENS: &str = "/api-tokens";
/// What a load balancer asks to know the instance serves.
pub const HEALTH: &str = "/healthz";
/// damson's icon, one of the site's public files.
pub const ICON: &str = "/favicon.svg";
/// Under which the server functions and the file routes answer; never a page.
pub const API: &str = "/api";

/// The parts the pages' addresses above are made of, by which the router declares its pages
/// (a test checks that each address is its parts).
pub mod segments {
    pub const ASSETS: &str = "assets";
    pub const UPLOAD: &str = "upload";
    /// Stands for the asset in `/assets/selected/products`: the assets selected in the grid.
    pub const SELECTED: &str = "selected";
    pub const PRODUCTS: &str = "products";
    pub const CATEGORIES: &str = "categories";
    pub const CATALOGS: &str = "catalogs";
    pub const USERS: &str = "users";
    pub const SETTINGS: &str = "settings";
    pub const WEBHOOKS: &str = "webhooks";
    pub const SIGN_IN: &str = "sign-in";
    pub const API_TOKENS: &str = "api-tokens";
    /// The name of the part of a page's address that is an asset's id.
    pub const ASSET_ID: &str = "asset_id";
    /// The name of the part of a page's address that is a product's id.
    pub const PRODUCT_ID: &str = "product_id";
}

/// The patterns the server's routes are declared with, `{name}` for a part that varies.
pub mod routes {
    pub const DOWNLOAD: &str = "/api/view/assets/{asset_id}/download";
    pub const VERSION_DOWNLOAD: &str = "/api/view/assets/{asset_id}/versions/{number}/download";
    pub const ZIP: &str = "/api/view/assets/zip";
    pub const RENDITION: &str = "/api/view/renditions/{content_key}/{kind}";
    pub const PUBLIC_LINK: &str = "/public/{token}/{name}";
    pub const STATIC_LINK: &str = "/static/{token}/{name}";
    pub const UPLOADS: &str = "/api/manage/uploads";
    pub const UPLOAD: &str = "/api/manage/uploads/{id}";
    pub const UPLOAD_FINISH: &str = "/api/manage/uploads/{id}/finish";
    pub const UPLOAD_REPORT: &str = "/api/manage/upload_imports/{id}/report.csv";
    pub const PRODUCT_IMPORT: &str = "/api/catalog/import/products";
    pub const CATEGORY_IMPORT: &str = "/api/catalog/import/categories";
    /// Any other address under `/api`: not found, never a page.
    pub const UNKNOWN_API: &str = "/api/{*unknown}";
}

/// The integration API's root; the addresses below are relative to it.
pub const API_V1: &str = "/api/v1";
/// The API's reference page, for people: the OpenAPI document in Swagger UI.
pub const API_DOCS: &str = "/api/docs";

pub mod api_v1;

/// Whether an address is under `/api`.
pub fn is_api(path: &str) -> bool {
    path.strip_prefix(API).is_some_and(|rest| rest.starts_with('/'))
}

/// An opened asset on the Assets page.
pub fn asset(id: AssetId) -> String {
    format!("{ASSETS}/{}", id.0)
}

/// An opened asset with one of its tabs shown (`details`, `products`, `categories`, `versions`).
pub fn asset_tab(id: AssetId, tab: &str) -> String {
    format!("{ASSETS}/{}?tab={tab}", id.0)
}

/// The asset an Assets page address opens, if it opens one.
pub fn opened_asset(path: &str) -> Option<AssetId> {
    let id = path.strip_prefix(ASSETS)?.strip_prefix('/')?;
    id.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| id.parse().ok().map(AssetId))
        .flatten()
}

/// Whether an address shows the assets grid: the Assets page, with an asset opened or not.
pub fn shows_assets_grid(path: &str) -> bool {
    matches!(path.strip_prefix(ASSETS), Some("" | "/")) || opened_asset(path).is_some()
}

/// Select products for one asset.
pub fn asset_products(id: AssetId) -> String {
    format!("{ASSETS}/{}/products", id.0)
}

/// Add asset to categories.
pub fn asset_categories(id: AssetId) -> String {
    format!("{ASSETS}/{}/categories", id.0)
}

/// The Assets page with a query (`q=…&type=…`, or a view's).
pub fn assets_with(query: &str) -> String {
    with_query(ASSETS, query)
}

/// The Upload assets page showing an import's report.
pub fn upload_import(id: impl Display) -> String {
    format!("{UPLOAD_ASSETS}?import={id}")
}

/// A product's page.
pub fn product(id: ProductId) -> String {
    format!("{PRODUCTS}/{}", id.0)
}

/// The Products page with a query.
pub fn products_with(query: &str) -> String {
    with_query(PRODUCTS, query)
}

/// Sign in, then go on to `next` (already encoded for a query).
pub fn sign_in_then(next: &str) -> String {
    format!("{SIGN_IN}?next={next}")
}

/// The current version of an asset's main file.
pub fn download(id: AssetId) -> String {
    routes::DOWNLOAD.replace("{asset_id}", &id.0.to_string())
}

/// The current version of an asset's main file, shown in the browser rather than saved.
pub fn view_inline(id: AssetId) -> String {
    format!("{}?inline=true", download(id))
}

/// One version of an asset's main file.
pub fn version_download(id: AssetId, number: u32) -> String {
    routes::VERSION_DOWNLOAD
        .replace("{asset_id}", &id.0.to_string())
        .replace("{number}", &number.to_string())
}

/// A ZIP of the current files of the assets a selection's query names.
pub fn zip(query: &str) -> String {
    with_query(routes::ZIP, query)
}

/// A rendition of a stored file. The address names the content, so it never changes.
pub fn rendition(content_key: &str, kind: RenditionKind) -> String {
    routes::RENDITION
        .replace("{content_key}", content_key)
        .replace("{kind}", kind.code())
}

/// Where a CSV import of products or categories is sent.
pub fn csv_import(kind: CsvImportKind) -> &'static str {
    match kind {
        CsvImportKind::Products => routes::PRODUCT_IMPORT,
        CsvImportKind::Categories => routes::CATEGORY_IMPORT,
    }
}

/// A resumable upload.
pub fn upload(id: &str) -> String {
    routes::UPLOAD.replace("{id}", id)
}

/// The CSV report of a mass upload's import.
pub fn upload_report(id: impl Display) -> String {
    routes::UPLOAD_REPORT.replace("{id}", &id.to_string())
}

/// The public link of a version: `base` is how people reach damson.
pub fn public_link(base: &str, token: &str, name: &str) -> String {
    format!(
        "{base}{}",
        routes::PUBLIC_LINK.replace("{token}", token).replace("{name}", name)
    )
}

/// The static link of an asset's current file, for `locale` when given.
pub fn static_link(base: &str, token: &str, name: &str, locale: Option<&str>) -> String {
    let link = format!(
        "{base}{}",
        routes::STATIC_LINK.replace("{token}", token).replace("{name}", name)
    );
    match locale {
        Some(locale) => format!("{link}?locale={locale}"),
        None => link,
    }
}

/// Whether an address is a public or static link, which anyone may open.
pub fn is_shared_link(path: &str) -> bool {
    [routes::PUBLIC_LINK, routes::STATIC_LINK]
        .iter()
        .filter_map(|pattern| pattern.split("{token}").next())
        .any(|prefix| path.starts_with(prefix))
}

/// `path` with `pairs` as its query.
pub fn with_pairs(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{path}?{query}")
}

/// Where a plain form (JavaScript off) that filters a page should have gone: the same address
/// with only the fields that are set, so that a shared link reads cleanly; with none set, the
/// Assets grid spells out its order, as a bare `/assets` opens the default view. `None` when the
/// address is tidy already, or its page has no filtering form.
pub fn without_empty_fields(path: &str, query: &str) -> Option<String> {
    let grid = shows_assets_grid(path);
    let select_products = path.starts_with(ASSETS) && path.ends_with(&format!("/{}", segments::PRODUCTS));
    if !(grid || select_products || path == PRODUCTS) {
        return None;
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    if !pairs.iter().any(|(_, value)| value.trim().is_empty()) {
        return None;
    }
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    if kept.is_empty() && grid {
        return Some(format!("{path}?sort={}", AssetSort::default().code()));
    }
    Some(with_pairs(path, &kept))
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `path` is one `pattern` answers: the same parts, `{…}` standing for any one part.
    fn answers(pattern: &str, path: &str) -> bool {
        let path = path.split('?').next().unwrap_or_default();
        let (ours, theirs): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
        ours.len() == theirs.len()
            && ours
                .iter()
                .zip(&theirs)
                .all(|(ours, theirs)| (ours.starts_with('{') && !theirs.is_empty()) || ours == theirs)
    }

    #[test]
    fn every_page_address_is_made_of_the_segments_the_router_declares() {
        use segments as part;
        let pages = [
            (ASSETS, vec![part::ASSETS]),
            (UPLOAD_ASSETS, vec![part::ASSETS, part::UPLOAD]),
            (SELECTED_PRODUCTS, vec![part::ASSETS, part::SELECTED, part::PRODUCTS]),
            (PRODUCTS, vec![part::PRODUCTS]),
            (CATALOGS, vec![part::CATALOGS]),
            (USERS, vec![part::USERS]),
            (SETTINGS, vec![part::SETTINGS]),
            (WEBHOOKS, vec![part::SETTINGS, part::WEBHOOKS]),
            (SIGN_IN, vec![part::SIGN_IN]),
            (API_TOKENS, vec![part::API_TOKENS]),
        ];
        for (page, parts) in pages {
            assert_eq!(page, format!("/{}", parts.join("/")));
        }
        let asset = AssetId(5);
        assert_eq!(asset_products(asset), format!("/{}/5/{}", part::ASSETS, part::PRODUCTS));
        assert_eq!(
            asset_categories(asset),
            format!("/{}/5/{}", part::ASSETS, part::CATEGORIES)
        );
        assert_eq!(product(ProductId(8)), format!("/{}/8", part::PRODUCTS));
    }

    #[test]
    fn a_plain_forms_empty_fields_are_left_out_of_the_address() {
        assert_eq!(
            without_empty_fields(ASSETS, "q=shoe&product=&from=&to=").as_deref(),
            Some("/assets?q=shoe")
        );
        assert_eq!(
            without_empty_fields("/assets/12", "q=&label=a&label=b").as_deref(),
            Some("/assets/12?label=a&label=b")
        );
        assert_eq!(
            without_empty_fields(ASSETS, "q=&to=").as_deref(),
            Some("/assets?sort=latest")
        );
        assert_eq!(
            without_empty_fields(PRODUCTS, "search=&status=").as_deref(),
            Some("/products")
        );
        assert_eq!(
            without_empty_fields(SELECTED_PRODUCTS, "assets=1,2&search=").as_deref(),
            Some("/assets/selected/products?assets=1%2C2")
        );
        assert_eq!(without_empty_fields(ASSETS, "q=shoe&sort=name"), None);
        assert_eq!(without_empty_fields(SIGN_IN, "next="), None);
        assert_eq!(without_empty_fields(UPLOAD_ASSETS, "import="), None);
    }

    #[test]
    fn every_address_built_here_is_one_its_route_answers() {
        let asset = AssetId(12);
        assert!(answers(routes::DOWNLOAD, &download(asset)));
        assert!(answers(routes::DOWNLOAD, &view_inline(asset)));
        assert!(answers(routes::VERSION_DOWNLOAD, &version_download(asset, 3)));
        assert!(answers(routes::ZIP, &zip("ids=1,2")));
        assert!(answers(routes::RENDITION, &rendition("ab12", RenditionKind::Thumbnail)));
        assert!(answers(routes::UPLOAD, &upload("u7")));
        assert!(answers(routes::UPLOAD_REPORT, &upload_report(7)));
        assert!(answers(routes::PRODUCT_IMPORT, csv_import(CsvImportKind::Products)));
        assert!(answers(routes::CATEGORY_IMPORT, csv_import(CsvImportKind::Categories)));
        assert!(is_api(routes::UPLOADS) && is_api(routes::UNKNOWN_API));
        assert!(!is_api("/apiary") && !is_api(ASSETS) && !is_api(API_TOKENS));
        assert!(answers(routes::PUBLIC_LINK, &public_link("", "t0k", "shoe.jpg")));
        assert!(answers(
            routes::STATIC_LINK,
            &static_link("", "t0k", "shoe.jpg", Some("fr_FR"))
        ));
        assert!(!answers(routes::DOWNLOAD, "/api/view/assets//download"));
        assert!(is_shared_link(&public_link("", "t0k", "a.jpg")) && is_shared_link(&static_link("", "t", "a", None)));
        assert!(!is_shared_link("/publicity") && !is_shared_link(ASSETS));
    }

    #[test]
    fn an_address_opens_an_asset_only_by_its_id() {
        assert_eq!(opened_asset(&asset(AssetId(31))), Some(AssetId(31)));
        for other in [
            "/assets",
            "/assets/",
            "/assets/upload",
            "/assets/12/products",
            "/assets/+12",
            "/products/12",
        ] {
            assert_eq!(opened_asset(other), None, "{other}");
        }
        assert!(shows_assets_grid("/assets") && shows_assets_grid("/assets/") && shows_assets_grid("/assets/7"));
        assert!(!shows_assets_grid("/assets/upload") && !shows_assets_grid("/assetsx"));
    }

    #[test]
    fn pages_and_links_read_as_people_see_them() {
        assert_eq!(asset_tab(AssetId(4), "products"), "/assets/4?tab=products");
        assert_eq!(assets_with(""), "/assets");
        assert_eq!(assets_with("q=shoe"), "/assets?q=shoe");
        assert_eq!(view_inline(AssetId(4)), "/api/view/assets/4/download?inline=true");
        assert_eq!(
            static_link("https://dam.example", "t0k", "shoe.jpg", Some("fr_FR")),
            "https://dam.example/static/t0k/shoe.jpg?locale=fr_FR"
        );
    }
}
