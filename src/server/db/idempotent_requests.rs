//! Requests sent with an `Idempotency-Key`: claimed before they run, their answer kept after.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::OnConflict};

use super::{entities::idempotent_request, unreadable};
use crate::domain::ApiTokenId;

/// A claimed key, and the answer of its first request once it has one.
#[derive(Clone, Debug)]
pub struct IdempotentRequest {
    pub id: i64,
    pub request_hash: String,
    pub created_at: i64,
    pub answer: Option<KeptAnswer>,
}

/// The first answer, to give again.
#[derive(Clone, Debug)]
pub struct KeptAnswer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub body_hash: String,
}

/// Claims `key` for the token's request; `None` when it is claimed already.
///
/// # Errors
/// Database failures.
pub async fn claim(
    db: &impl ConnectionTrait,
    token: ApiTokenId,
    key: &str,
    request_hash: &str,
    now: i64,
) -> Result<Option<i64>, DbErr> {
    let row = idempotent_request::ActiveModel {
        token_id: Set(token.0),
        idempotency_key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        body_hash: Set(None),
        status: Set(None),
        answer_headers: Set(None),
        answer_body: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = idempotent_request::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                idempotent_request::Column::TokenId,
                idempotent_request::Column::IdempotencyKey,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec(db)
        .await;
    match inserted {
        Ok(inserted) => Ok(Some(inserted.last_insert_id)),
        Err(DbErr::RecordNotInserted) => Ok(None),
        Err(error) => Err(error),
    }
}

/// The token's claim of `key`.
///
/// # Errors
/// Database failures; kept headers that are not JSON pairs.
pub async fn find(db: &impl ConnectionTrait, token: ApiTokenId, key: &str) -> Result<Option<IdempotentRequest>, DbErr> {
    let Some(row) = idempotent_request::Entity::find()
        .filter(idempotent_request::Column::TokenId.eq(token.0))
        .filter(idempotent_request::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let answer = match (row.status, row.answer_headers, row.answer_body, row.body_hash) {
        (Some(status), Some(headers), Some(body), Some(body_hash)) => Some(KeptAnswer {
            status: u16::try_from(status).map_err(|_| unreadable(format!("answer status {status}")))?,
            headers: serde_json::from_str(&headers).map_err(|e| unreadable(format!("answer headers: {e}")))?,
            body,
            body_hash,
        }),
        _ => None,
    };
    Ok(Some(IdempotentRequest {
        id: row.id,
        request_hash: row.request_hash,
        created_at: row.created_at,
        answer,
    }))
}

/// Keeps the first request's answer.
///
/// # Errors
/// Database failures.
pub async fn keep_answer(db: &impl ConnectionTrait, id: i64, answer: &KeptAnswer) -> Result<(), DbErr> {
    let headers = serde_json::to_string(&answer.headers).map_err(|e| unreadable(format!("answer headers: {e}")))?;
    idempotent_request::Entity::update_many()
        .filter(idempotent_request::Column::Id.eq(id))
        .col_expr(idempotent_request::Column::Status, i32::from(answer.status).into())
        .col_expr(idempotent_request::Column::AnswerHeaders, headers.into())
        .col_expr(idempotent_request::Column::AnswerBody, answer.body.clone().into())
        .col_expr(idempotent_request::Column::BodyHash, answer.body_hash.clone().into())
        .exec(db)
        .await?;
    Ok(())
}

/// Removes a claim, when it was made at `created_at` (not one made again since).
///
/// # Errors
/// Database failures.
pub async fn delete(db: &impl ConnectionTrait, id: i64, created_at: i64) -> Result<(), DbErr> {
    idempotent_request::Entity::delete_many()
        .filter(idempotent_request::Column::Id.eq(id))
        .filter(idempotent_request::Column::CreatedAt.eq(created_at))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes the claims made before `before`; how many.
///
/// # Errors
/// Database failures.
pub async fn delete_older(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    Ok(idempotent_request::Entity::delete_many()
        .filter(idempotent_request::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
