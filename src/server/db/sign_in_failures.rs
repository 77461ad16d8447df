//! Failed sign-ins per typed user name, to refuse guessing.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::sign_in_failure;
use crate::domain::AppError;

/// When the failures for `user_name` since `since_millis` began, and how many there were.
///
/// # Errors
/// Database failures.
pub async fn since(
    db: &impl ConnectionTrait,
    user_name: &str,
    since_millis: i64,
    limit: u64,
) -> Result<Vec<i64>, AppError> {
    Ok(sign_in_failure::Entity::find()
        .select_only()
        .column(sign_in_failure::Column::FailedAt)
        .filter(sign_in_failure::Column::UserName.eq(user_name))
        .filter(sign_in_failure::Column::FailedAt.gt(since_millis))
        .order_by_desc(sign_in_failure::Column::FailedAt)
        .limit(limit)
        .into_tuple::<i64>()
        .all(db)
        .await?)
}

/// # Errors
/// Database failures.
pub async fn record(db: &impl ConnectionTrait, user_name: &str, at_millis: i64) -> Result<(), AppError> {
    sign_in_failure::ActiveModel {
        user_name: Set(user_name.to_owned()),
        failed_at: Set(at_millis),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Forgets failures for `user_name`, and everyone's failures older than `before_millis`.
///
/// # Errors
/// Database failures.
pub async fn clear(db: &impl ConnectionTrait, user_name: &str, before_millis: i64) -> Result<(), AppError> {
    sign_in_failure::Entity::delete_many()
        .filter(
            sign_in_failure::Column::UserName
                .eq(user_name)
                .or(sign_in_failure::Column::FailedAt.lt(before_millis)),
        )
        .exec(db)
        .await?;
    Ok(())
}
