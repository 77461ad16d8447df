//! Saved views of both kinds, and each user's default view of the Assets page.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

use std::collections::HashMap;

use super::entities::{default_asset_view, saved_view};
use crate::domain::{SavedView, UserId, ViewFields, ViewKind};

/// The views of `kind` that `user` sees, A to Z: their own and everyone's shared ones.
///
/// # Errors
/// Database failures.
pub async fn visible_to(db: &impl ConnectionTrait, user: UserId, kind: ViewKind) -> Result<Vec<SavedView>, DbErr> {
    let rows = saved_view::Entity::find()
        .filter(saved_view::Column::Kind.eq(kind.code()))
        .filter(
            Condition::any()
                .add(saved_view::Column::UserId.eq(user.0))
                .add(saved_view::Column::Shared.eq(true)),
        )
        .order_by_asc(saved_view::Column::Name)
        .order_by_asc(saved_view::Column::Id)
        .all(db)
        .await?;
    let names = super::assets::name_of(db, rows.iter().map(|row| row.user_id)).await?;
    Ok(rows.into_iter().filter_map(|row| to_view(row, &names)).collect())
}

/// One view, whoever owns it.
///
/// # Errors
/// Database failures.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<SavedView>, DbErr> {
    let Some(row) = saved_view::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let names = super::assets::name_of(db, [row.user_id]).await?;
    Ok(to_view(row, &names))
}

/// The id of `owner`'s view of `kind` named `name`.
///
/// # Errors
/// Database failures.
pub async fn named(db: &impl ConnectionTrait, owner: UserId, kind: ViewKind, name: &str) -> Result<Option<i64>, DbErr> {
    Ok(saved_view::Entity::find()
        .filter(saved_view::Column::UserId.eq(owner.0))
        .filter(saved_view::Column::Kind.eq(kind.code()))
        .filter(saved_view::Column::Name.eq(name))
        .one(db)
        .await?
        .map(|row| row.id))
}

/// A row of a kind this build does not know is left out, as if it were not there.
fn to_view(row: saved_view::Model, names: &HashMap<i64, String>) -> Option<SavedView> {
    Some(SavedView {
        kind: row.kind.parse().ok()?,
        owner_name: names.get(&row.user_id).cloned().unwrap_or_default(),
        id: row.id,
        name: row.name,
        query: row.query,
        shared: row.shared,
        owner: UserId(row.user_id),
    })
}

/// Adds a view of `owner`'s (`id` none) or changes one.
///
/// # Errors
/// Database failures, a unique violation for a name the owner already uses for that kind.
pub async fn save(
    db: &impl ConnectionTrait,
    owner: UserId,
    id: Option<i64>,
    fields: &ViewFields,
) -> Result<i64, DbErr> {
    let model = saved_view::ActiveModel {
        user_id: Set(owner.0),
        kind: Set(fields.kind.code().to_owned()),
        name: Set(fields.name.clone()),
        query: Set(fields.query.clone()),
        shared: Set(fields.shared),
        ..Default::default()
    };
    match id {
        None => model.insert(db).await.map(|row| row.id),
        Some(id) => saved_view::ActiveModel { id: Set(id), ..model }
            .update(db)
            .await
            .map(|row| row.id),
    }
}

/// # Errors
/// Database failures.
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    saved_view::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// The view `/assets` opens for `user`, if they chose one.
///
/// # Errors
/// Database failures.
pub async fn default_of(db: &impl ConnectionTrait, user: UserId) -> Result<Option<i64>, DbErr> {
    Ok(default_asset_view::Entity::find_by_id(user.0)
        .one(db)
        .await?
        .map(|row| row.view_id))
}

/// Sets the view `/assets` opens for `user`, or none.
///
/// # Errors
/// Database failures.
pub async fn set_default(db: &impl ConnectionTrait, user: UserId, view: Option<i64>) -> Result<(), DbErr> {
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
