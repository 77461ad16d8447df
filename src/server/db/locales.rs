//! The locales in use: a list System admins and PIM admins keep, en_US from the start.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::{
    assets::stored_locale,
    entities::{asset_locale_file, locale},
    is_unique_violation, now_millis,
};
use crate::domain::{AppError, Locale};

/// Every locale in use, A to Z.
///
/// # Errors
/// Database failures.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Locale>, AppError> {
    let rows = locale::Entity::find()
        .order_by_asc(locale::Column::Code)
        .all(db)
        .await?;
    rows.iter().map(|row| stored_locale(&row.code)).collect()
}

/// # Errors
/// `Conflict` when it is in the list already; database failures.
pub async fn add(db: &impl ConnectionTrait, locale: &Locale) -> Result<(), AppError> {
    let row = locale::ActiveModel {
        code: Set(locale.as_str().to_owned()),
        created_at: Set(now_millis()),
    };
    match locale::Entity::insert(row).exec_without_returning(db).await {
        Ok(_) => Ok(()),
        Err(error) if is_unique_violation(&error) => {
            Err(AppError::Conflict(format!("{locale} is in the list already.")))
        }
        Err(error) => Err(error.into()),
    }
}

/// Takes the locale off the list, unless an asset has a file for it.
///
/// # Errors
/// `Conflict` naming how many assets have a file for it; `NotFound`; database failures.
pub async fn remove(db: &impl ConnectionTrait, locale: &Locale) -> Result<(), AppError> {
    let in_use = asset_locale_file::Entity::find()
        .filter(asset_locale_file::Column::Locale.eq(locale.as_str()))
        .count(db)
        .await?;
    if in_use > 0 {
        return Err(AppError::Conflict(format!(
            "{in_use} asset(s) have a file for {locale}, so it stays in the list."
        )));
    }
    let removed = locale::Entity::delete_by_id(locale.as_str().to_owned())
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
