//! The integration API's routes, relative to `API_V1`; each is registered with its OpenAPI description.

pub const OPENAPI: &str = "/openapi.json";
pub const ASSETS: &str = "/assets";
pub const ASSET: &str = "/assets/{id}";
pub const ASSET_BY_CODE: &str = "/assets/by-code/{code}";
pub const VERSIONS: &str = "/assets/{id}/versions";
pub const VERSION_FILE: &str = "/assets/{id}/versions/{number}/file";
pub const VERSION_RESTORE: &str = "/assets/{id}/versions/{number}/restore";
pub const UPLOADS: &str = "/uploads";
pub const UPLOAD: &str = "/uploads/{id}";
pub const UPLOAD_FINISH: &str = "/uploads/{id}/finish";
pub const ASSET_CATEGORIES: &str = "/assets/{id}/categories";
pub const RENDITION: &str = "/assets/{id}/renditions/{kind}";
pub const LINKS: &str = "/assets/{id}/links";
pub const PRODUCTS: &str = "/products";
pub const PRODUCT: &str = "/products/{number}";
pub const PRODUCT_STATUS: &str = "/products/{number}/status";
pub const PRODUCT_ASSETS: &str = "/products/{number}/assets";
pub const PRODUCT_ASSET_ORDER: &str = "/products/{number}/assets/order";
pub const PRODUCT_CATEGORIES: &str = "/products/{number}/categories";
pub const CATALOGS: &str = "/catalogs";
pub const IMPORTS: &str = "/imports";
pub const IMPORT: &str = "/imports/{id}";
/// Any other address under the API: a problem saying it is not found.
pub const UNKNOWN: &str = "/{*unknown}";

/// The full address of an asset in the API.
pub fn asset(id: crate::domain::AssetId) -> String {
    format!("{}{}", super::API_V1, ASSET.replace("{id}", &id.0.to_string()))
}

/// The full address of a page of the API's asset list, with this query (without `?`).
pub fn assets_page(query: &str) -> String {
    format!("{}{ASSETS}?{query}", super::API_V1)
}

/// The full address of a product's assets in the API.
pub fn product_assets(number: &str) -> String {
    use std::fmt::Write;
    // A path segment: everything but the unreserved characters is percent-encoded.
    let number = number.bytes().fold(String::new(), |mut segment, byte| {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            segment.push(char::from(byte));
        } else {
            let _ = write!(segment, "%{byte:02X}");
        }
        segment
    });
    format!("{}{}", super::API_V1, PRODUCT_ASSETS.replace("{number}", &number))
}

/// The full address of an import's report in the API.
pub fn import(id: i64) -> String {
    format!("{}{}", super::API_V1, IMPORT.replace("{id}", &id.to_string()))
}

pub const WEBHOOKS: &str = "/webhooks";
pub const WEBHOOK: &str = "/webhooks/{id}";
pub const WEBHOOK_ATTEMPTS: &str = "/webhooks/{id}/attempts";
pub const WEBHOOK_TEST: &str = "/webhooks/{id}/test";
pub const WEBHOOK_RESEND: &str = "/webhooks/{id}/deliveries/{delivery}/resend";

/// The full address of a webhook endpoint in the API.
pub fn webhook(id: crate::domain::WebhookEndpointId) -> String {
    format!("{}{}", super::API_V1, WEBHOOK.replace("{id}", &id.0.to_string()))
}
