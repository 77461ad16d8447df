//! Mass imports of uploads: each upload claimed by the import that records it and marked with
//! what came of it, and the import's own row (its user, whether it finished).

use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use super::{
    entities::{upload, upload_import},
    now_millis,
    uploads::StoredUpload,
};
use crate::domain::{Imported, UploadId, UserId};

/// Claims the upload for an import, in the transaction that records it: whether no run did so
/// before. `mark_imported` then says what came of it, in the same transaction.
///
/// # Errors
/// Database failures.
pub async fn begin_import(db: &impl ConnectionTrait, id: &UploadId) -> Result<bool, DbErr> {
    let claimed = upload::Entity::update_many()
        .col_expr(upload::Column::Outcome, Expr::value("importing"))
        .filter(upload::Column::Id.eq(id.0.clone()))
        .filter(upload::Column::Outcome.is_null())
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Records what an import did with the upload: in the transaction that `begin_import` claimed
/// it in, or, for a file skipped or refused, unless a run did something with it before.
///
/// # Errors
/// Database failures.
pub async fn mark_imported(db: &impl ConnectionTrait, id: &UploadId, imported: &Imported) -> Result<(), DbErr> {
    let unmarked = Condition::any()
        .add(upload::Column::Outcome.is_null())
        .add(upload::Column::Outcome.eq("importing"));
    upload::Entity::update_many()
        .filter(unmarked)
        .col_expr(upload::Column::Outcome, Expr::value(imported.outcome.code()))
        .col_expr(upload::Column::Detail, Expr::value(imported.detail.clone()))
        .col_expr(upload::Column::AssetId, Expr::value(imported.asset_id.map(|id| id.0)))
        .filter(upload::Column::Id.eq(id.0.clone()))
        .exec(db)
        .await?;
    Ok(())
}

/// Starts an import for the user: of these uploads, or of all theirs, that have every byte and
/// no import yet. Its id, or `None` when no upload is waiting (the import row is then written
/// all the same: the caller's unit of work rolls it back).
///
/// # Errors
/// Database failures.
pub async fn start_import(
    txn: &impl ConnectionTrait,
    user: UserId,
    only: Option<&[UploadId]>,
) -> Result<Option<i64>, DbErr> {
    let import = upload_import::ActiveModel {
        user_id: Set(user.0),
        created_at: Set(now_millis()),
        finished_at: Set(None),
        ..Default::default()
    };
    let id = upload_import::Entity::insert(import).exec(txn).await?.last_insert_id;
    let mut waiting = upload::Entity::update_many()
        .col_expr(upload::Column::ImportId, Expr::value(id))
        .filter(upload::Column::UserId.eq(user.0))
        .filter(upload::Column::ContentKey.is_not_null())
        .filter(upload::Column::Outcome.is_null());
    if let Some(only) = only {
        waiting = waiting.filter(upload::Column::Id.is_in(only.iter().map(|id| id.0.clone())));
    }
    if waiting.exec(txn).await?.rows_affected == 0 {
        return Ok(None);
    }
    Ok(Some(id))
}

/// The user's import: whether it is finished, and its uploads in the order they came.
///
/// # Errors
/// Database failures.
pub async fn import_of(
    db: &impl ConnectionTrait,
    user: Option<UserId>,
    id: i64,
) -> Result<Option<(UserId, bool, Vec<StoredUpload>)>, DbErr> {
    let mut import = upload_import::Entity::find_by_id(id);
    if let Some(user) = user {
        import = import.filter(upload_import::Column::UserId.eq(user.0));
    }
    let Some(import) = import.one(db).await? else {
        return Ok(None);
    };
    let files = upload::Entity::find()
        .filter(upload::Column::ImportId.eq(id))
        .order_by_asc(upload::Column::CreatedAt)
        .order_by_asc(upload::Column::Id)
        .all(db)
        .await?;
    Ok(Some((
        UserId(import.user_id),
        import.finished_at.is_some(),
        files.into_iter().map(StoredUpload::of).collect(),
    )))
}

/// Marks the import finished, or not (when its failed files are tried again).
///
/// # Errors
/// Database failures.
pub async fn set_import_finished(db: &impl ConnectionTrait, id: i64, finished: bool) -> Result<(), DbErr> {
    upload_import::Entity::update_many()
        .col_expr(
            upload_import::Column::FinishedAt,
            Expr::value(finished.then(now_millis)),
        )
        .filter(upload_import::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Clears the outcome of the import's failed files, so that it tries them again; how many.
///
/// # Errors
/// Database failures.
pub async fn reset_failed(db: &impl ConnectionTrait, import_id: i64) -> Result<u64, DbErr> {
    let reset = upload::Entity::update_many()
        .col_expr(upload::Column::Outcome, Expr::value(Option::<String>::None))
        .col_expr(upload::Column::Detail, Expr::value(Option::<String>::None))
        .col_expr(upload::Column::AssetId, Expr::value(Option::<i64>::None))
        .col_expr(upload::Column::UpdatedAt, Expr::value(now_millis()))
        .filter(upload::Column::ImportId.eq(import_id))
        .filter(upload::Column::Outcome.eq(crate::domain::ImportOutcome::Failed.code()))
        .exec(db)
        .await?;
    Ok(reset.rows_affected)
}
