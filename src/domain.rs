//! Types shared by the browser and the server: no database, no file system, no image work.

mod access;
mod added_days;
mod api_reference;
mod api_token;
mod archive_names;
mod asset;
mod asset_changes;
mod asset_facets;
mod asset_filter;
mod asset_list;
mod asset_overview;
mod bulk_change;
mod catalog;
mod clone_names;
mod coded;
mod error;
mod file_type;
mod import;
mod job;
mod links;
mod locale;
mod look_alike;
pub mod paths;
mod placement;
mod product;
mod product_search;
mod publication;
mod rendition;
mod role;
mod saved_view;
mod typed_text;
mod upload;
mod user;
mod webhook;
mod webhook_message;

pub use access::ApiAccess;
pub use added_days::{RecentDays, day_code, parse_day};
pub use api_reference::{ApiReference, FieldDoc, OperationDoc, OperationGroup, SchemaDoc};
pub use api_token::{ApiToken, ApiTokenId, CreatedApiToken, NewApiToken, Scope};
pub use archive_names::ArchiveNames;
pub use asset::{Asset, AssetId, AssetVersion, Availability, FileName, ShareLinks};
pub use asset_changes::{AssetChanges, check_label_count, holds_label, parse_labels};
pub use asset_facets::{AssetFacets, Facet, FacetValue};
pub use asset_filter::{AssetFilter, FilterGroup, MIN_SEARCH_CHARS};
pub use asset_list::{AssetCard, AssetPage, AssetSort, Cursor};
pub use asset_overview::AssetOverview;
pub use bulk_change::{AssetSelection, BulkAction, BulkChangeId, BulkProblem, BulkReport, Outcome};
pub use catalog::{
    Catalog, CatalogFields, CatalogId, CatalogTree, Category, CategoryFields, CategoryId, CategoryPath, CategoryPlace,
    TreeCategory, catalog_limits, parse_key, parse_title,
};
pub use clone_names::{clone_codes, cloned_name};
pub use error::AppError;
pub use file_type::{Dimensions, FileType, MediaInfo};
pub use import::{CategoryRow, Columns, CsvImportKind, ImportReport, ProductRow, RefusedRow};
pub use job::{Claimed, JobKind, rendition_key};
pub use links::{LinkChanges, LinkSelection, LinkTarget, MAX_LINK_CHANGES, PublicationChange, no_such, parse_ids};
pub use locale::Locale;
pub use look_alike::{find_hidden_character, hidden_character_message, reveal_hidden_characters};
pub use placement::{FilePlan, Known, NameParts, Placement, clash_message, clashes, place};
pub use product::{Product, ProductFields, ProductId, ProductOverview, ProductPage, ProductStatus};
pub use product_search::{LinkFilter, ProductSearch};
pub use publication::{Publication, deletion_refusal};
pub use rendition::{RenditionKind, Thumbnail};
pub use role::{Permission, Role};
pub use saved_view::{AssetViews, SavedView, ViewFields, ViewKind};
pub use typed_text::{Lines, check_typed, control_message, refused_character};
pub use upload::{
    CHUNK_BYTES, ImportOutcome, Imported, MAX_BATCH_FILES, Upload, UploadHandle, UploadId, UploadImport, check_chunk,
    chunk_end,
};
pub use user::{NewUser, Password, User, UserId, UserName};
pub use webhook::MAX_URL_CHARS as MAX_WEBHOOK_URL_CHARS;
pub use webhook::{
    CreatedWebhookEndpoint, MAX_ANSWER_BYTES, NewWebhookEndpoint, TEST_EVENT, WebhookAttempt, WebhookDeliveryId,
    WebhookEndpoint, WebhookEndpointId, WebhookEvent, retry_after,
};
pub use webhook_message::Announcement;
