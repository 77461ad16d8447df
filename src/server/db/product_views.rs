//! Each user's saved Select products filters, by name.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::OnConflict,
};

use super::entities::product_view;
use crate::domain::{AppError, ProductView, UserId, ViewFields};

/// A user's views, A to Z.
///
/// # Errors
/// Database failures.
pub async fn of_user(db: &impl ConnectionTrait, user: UserId) -> Result<Vec<ProductView>, AppError> {
    Ok(product_view::Entity::find()
        .filter(product_view::Column::UserId.eq(user.0))
        .order_by_asc(product_view::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|model| ProductView {
            id: model.id,
            name: model.name,
            query: model.query,
        })
        .collect())
}

/// Saves a view under its name, replacing the user's view of that name.
///
/// # Errors
/// Database failures.
pub async fn save(db: &impl ConnectionTrait, user: UserId, fields: &ViewFields) -> Result<(), AppError> {
    product_view::Entity::insert(product_view::ActiveModel {
        user_id: Set(user.0),
        name: Set(fields.name.clone()),
        query: Set(fields.query.clone()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([product_view::Column::UserId, product_view::Column::Name])
            .update_column(product_view::Column::Query)
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Deletes one of the user's views; another user's is not found.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn delete(db: &impl ConnectionTrait, user: UserId, id: i64) -> Result<(), AppError> {
    let deleted = product_view::Entity::delete_many()
        .filter(product_view::Column::Id.eq(id))
        .filter(product_view::Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
