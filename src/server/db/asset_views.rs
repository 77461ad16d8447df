//! Views of the Assets page: each user's own and everyone's shared ones, and each user's default.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

use std::collections::HashMap;

use super::entities::{asset_view, default_asset_view};
use crate::domain::{AppError, AssetView, AssetViewFields, AssetViews, User, UserId};

/// The views `user` sees, A to Z: their own, then the others' shared ones; and their default.
///
/// # Errors
/// Database failures.
pub async fn visible_to(db: &impl ConnectionTrait, user: &User) -> Result<AssetViews, AppError> {
    let rows = asset_view::Entity::find()
        .filter(
            Condition::any()
                .add(asset_view::Column::UserId.eq(user.id.0))
                .add(asset_view::Column::Shared.eq(true)),
        )
        .order_by_asc(asset_view::Column::Name)
        .order_by_asc(asset_view::Column::Id)
        .all(db)
        .await?;
    let names = super::assets::name_of(db, rows.iter().map(|row| row.user_id)).await?;
    let (mine, shared) = rows
        .into_iter()
        .map(|row| to_view(row, &names))
        .partition(|view| view.owner == user.id);
    let default = default_asset_view::Entity::find_by_id(user.id.0)
        .one(db)
        .await?
        .map(|row| row.view_id);
    Ok(AssetViews { mine, shared, default })
}

/// One view, whoever owns it.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<AssetView, AppError> {
    let row = asset_view::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let names = super::assets::name_of(db, [row.user_id]).await?;
    Ok(to_view(row, &names))
}

fn to_view(row: asset_view::Model, names: &HashMap<i64, String>) -> AssetView {
    AssetView {
        owner_name: names.get(&row.user_id).cloned().unwrap_or_default(),
        id: row.id,
        name: row.name,
        query: row.query,
        shared: row.shared,
        owner: UserId(row.user_id),
    }
}

/// Adds a view of `owner`'s (`id` none) or changes one.
///
/// # Errors
/// Database failures, a unique violation for a name the owner already uses.
pub async fn save(
    db: &impl ConnectionTrait,
    owner: UserId,
    id: Option<i64>,
    fields: &AssetViewFields,
) -> Result<i64, DbErr> {
    let model = asset_view::ActiveModel {
        user_id: Set(owner.0),
        name: Set(fields.name.clone()),
        query: Set(fields.query.clone()),
        shared: Set(fields.shared),
        ..Default::default()
    };
    match id {
        None => model.insert(db).await.map(|row| row.id),
        Some(id) => asset_view::ActiveModel { id: Set(id), ..model }
            .update(db)
            .await
            .map(|row| row.id),
    }
}

/// # Errors
/// Database failures.
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    asset_view::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// The view `/assets` opens for `user`, or none.
///
/// # Errors
/// Database failures.
pub async fn set_default(db: &impl ConnectionTrait, user: UserId, view: Option<i64>) -> Result<(), AppError> {
    match view {
        None => {
            default_asset_view::Entity::delete_by_id(user.0).exec(db).await?;
        }
        Some(view) => {
            default_asset_view::Entity::insert(default_asset_view::ActiveModel {
                user_id: Set(user.0),
                view_id: Set(view),
            })
            .on_conflict(
                OnConflict::column(default_asset_view::Column::UserId)
                    .update_column(default_asset_view::Column::ViewId)
                    .to_owned(),
            )
            .exec(db)
            .await?;
        }
    }
    Ok(())
}
