//! The locales in use, stored and loaded.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::{
    assets::stored_locale,
    entities::{asset_locale_file, locale},
    now_millis,
};
use crate::domain::Locale;

/// Every locale in use, A to Z.
///
/// # Errors
/// Database failures.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Locale>, DbErr> {
    let rows = locale::Entity::find()
        .order_by_asc(locale::Column::Code)
        .all(db)
        .await?;
    rows.iter().map(|row| stored_locale(&row.code)).collect()
}

/// # Errors
/// Database failures, a unique violation among them when it is in the list already.
pub async fn add(db: &impl ConnectionTrait, locale: &Locale) -> Result<(), DbErr> {
    let row = locale::ActiveModel {
        code: Set(locale.as_str().to_owned()),
        created_at: Set(now_millis()),
    };
    locale::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// How many assets have a file for the locale.
///
/// # Errors
/// Database failures.
pub async fn files_for(db: &impl ConnectionTrait, locale: &Locale) -> Result<u64, DbErr> {
    asset_locale_file::Entity::find()
        .filter(asset_locale_file::Column::Locale.eq(locale.as_str()))
        .count(db)
        .await
}

/// Takes the locale off the list; whether it was on it.
///
/// # Errors
/// Database failures.
pub async fn remove(db: &impl ConnectionTrait, locale: &Locale) -> Result<bool, DbErr> {
    let removed = locale::Entity::delete_by_id(locale.as_str().to_owned())
        .exec(db)
        .await?;
    Ok(removed.rows_affected > 0)
}
