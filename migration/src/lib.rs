//! damson's schema, one migration per change. The app runs `Migrator::up` at start.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_users;
mod m20261122_000002_create_sessions;
mod m20261122_000003_create_sign_in_failures;
mod m20261122_000004_create_assets;
mod m20261122_000005_create_renditions;
mod m20261122_000006_asset_labels_and_sorting;
mod m20261122_000007_link_tokens;
mod m20261123_000008_session_owners;
mod m20261123_000009_file_type_codes;
mod m20261123_000010_jobs;
mod m20261123_000011_byte_order_names;
mod m20261123_000012_products;
mod m20261123_000013_catalogs;
mod m20261123_000014_product_views;
mod m20261123_000015_asset_search;
mod m20261123_000016_asset_views;
mod m20261124_000017_bulk_changes;
mod m20261124_000018_facet_keys;
mod m20261203_000019_page_indexes;
mod m20261203_000020_facet_counts;
mod m20261203_000021_uploads;
mod m20261203_000022_localizable_assets;
mod m20261203_000023_upload_media;
mod m20261203_000024_key_added_index;
mod m20261203_000025_latest_by_time_added;
mod m20261204_000026_updated_walk_index;
mod m20261204_000027_day_added;
mod m20261204_000028_day_updated;
mod m20261204_000029_key_added_sorts;
mod m20261204_000030_updated_later;
mod m20261207_000031_upload_holder;
mod m20261207_000032_search_changes;
mod m20261207_000033_search_in_memory;
mod m20261207_000034_job_error_codes;
mod m20261207_000035_saved_views;
mod m20261207_000036_api_tokens;
mod m20261207_000037_idempotent_requests;
mod m20261208_000038_webhooks;

pub use m20261204_000030_updated_later::updated_on_a_later_day;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_users::Migration),
            Box::new(m20261122_000002_create_sessions::Migration),
            Box::new(m20261122_000003_create_sign_in_failures::Migration),
            Box::new(m20261122_000004_create_assets::Migration),
            Box::new(m20261122_000005_create_renditions::Migration),
            Box::new(m20261122_000006_asset_labels_and_sorting::Migration),
            Box::new(m20261122_000007_link_tokens::Migration),
            Box::new(m20261123_000008_session_owners::Migration),
            Box::new(m20261123_000009_file_type_codes::Migration),
            Box::new(m20261123_000010_jobs::Migration),
            Box::new(m20261123_000011_byte_order_names::Migration),
            Box::new(m20261123_000012_products::Migration),
            Box::new(m20261123_000013_catalogs::Migration),
            Box::new(m20261123_000014_product_views::Migration),
            Box::new(m20261123_000015_asset_search::Migration),
            Box::new(m20261123_000016_asset_views::Migration),
            Box::new(m20261124_000017_bulk_changes::Migration),
            Box::new(m20261124_000018_facet_keys::Migration),
            Box::new(m20261203_000019_page_indexes::Migration),
            Box::new(m20261203_000020_facet_counts::Migration),
            Box::new(m20261203_000021_uploads::Migration),
            Box::new(m20261203_000022_localizable_assets::Migration),
            Box::new(m20261203_000023_upload_media::Migration),
            Box::new(m20261203_000024_key_added_index::Migration),
            Box::new(m20261203_000025_latest_by_time_added::Migration),
            Box::new(m20261204_000026_updated_walk_index::Migration),
            Box::new(m20261204_000027_day_added::Migration),
            Box::new(m20261204_000028_day_updated::Migration),
            Box::new(m20261204_000029_key_added_sorts::Migration),
            Box::new(m20261204_000030_updated_later::Migration),
            Box::new(m20261207_000031_upload_holder::Migration),
            Box::new(m20261207_000032_search_changes::Migration),
            Box::new(m20261207_000033_search_in_memory::Migration),
            Box::new(m20261207_000034_job_error_codes::Migration),
            Box::new(m20261207_000035_saved_views::Migration),
            Box::new(m20261207_000036_api_tokens::Migration),
            Box::new(m20261207_000037_idempotent_requests::Migration),
            Box::new(m20261208_000038_webhooks::Migration),
        ]
    }
}

/// Runs SQL statements in turn, for a migration written as plain SQL.
async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
