//! Sign-in attempts per typed user name, to refuse guessing. Each attempt is written before its
//! password is checked, so attempts made at the same moment all see each other.

use sea_orm::DbErr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::sign_in_failure;

/// Writes an attempt for `user_name` at `at_millis`; it counts as a failure until removed.
///
/// # Errors
/// Database failures.
pub async fn record(db: &impl ConnectionTrait, user_name: &str, at_millis: i64) -> Result<i64, DbErr> {
    let row = sign_in_failure::ActiveModel {
        user_name: Set(user_name.to_owned()),
        failed_at: Set(at_millis),
        ..Default::default()
    };
    // Not `ActiveModel::insert`, which reads the row back: a good password at the same moment
    // may have cleared it already.
    Ok(sign_in_failure::Entity::insert(row).exec(db).await?.last_insert_id)
}

/// How many attempts for `user_name` since `since_millis` were written before attempt `id`, and
/// it.
///
/// # Errors
/// Database failures.
pub async fn count_up_to(db: &impl ConnectionTrait, user_name: &str, since_millis: i64, id: i64) -> Result<u64, DbErr> {
    sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::UserName.eq(user_name))
        .filter(sign_in_failure::Column::FailedAt.gt(since_millis))
        .filter(sign_in_failure::Column::Id.lte(id))
        .count(db)
        .await
}

/// When the oldest attempt for `user_name` since `since_millis` was made.
///
/// # Errors
/// Database failures.
pub async fn oldest_since(db: &impl ConnectionTrait, user_name: &str, since_millis: i64) -> Result<Option<i64>, DbErr> {
    sign_in_failure::Entity::find()
        .select_only()
        .column(sign_in_failure::Column::FailedAt)
        .filter(sign_in_failure::Column::UserName.eq(user_name))
        .filter(sign_in_failure::Column::FailedAt.gt(since_millis))
        .order_by_asc(sign_in_failure::Column::FailedAt)
        .into_tuple::<i64>()
        .one(db)
        .await
}

/// Takes back one attempt (one that was refused unchecked).
///
/// # Errors
/// Database failures.
pub async fn remove(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Forgets attempts for `user_name`, and everyone's attempts older than `before_millis`.
///
/// # Errors
/// Database failures.
pub async fn clear(db: &impl ConnectionTrait, user_name: &str, before_millis: i64) -> Result<(), DbErr> {
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
