//! API tokens, found by the SHA-256 of their secret.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use time::OffsetDateTime;

use super::{
    entities::{api_token, user},
    instant_of, millis_of, unreadable, users,
};
use crate::domain::{ApiToken, ApiTokenId, NewApiToken, Scope, User, UserId};

/// Keeps a new token of `owner`'s; `secret_hash` is the SHA-256 of its secret, `shown` its first
/// characters.
///
/// # Errors
/// Database failures.
pub async fn insert(
    db: &impl ConnectionTrait,
    owner: UserId,
    new: &NewApiToken,
    secret_hash: &str,
    shown: &str,
    now: OffsetDateTime,
) -> Result<ApiTokenId, DbErr> {
    let row = api_token::ActiveModel {
        user_id: Set(owner.0),
        name: Set(new.name.clone()),
        scopes: Set(new
            .scopes
            .iter()
            .map(|scope| scope.code())
            .collect::<Vec<_>>()
            .join(" ")),
        secret_hash: Set(secret_hash.to_owned()),
        shown: Set(shown.to_owned()),
        created_at: Set(millis_of(now)),
        expires_at: Set(new.expires_at.map(millis_of)),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(ApiTokenId(row.id))
}

/// One token.
///
/// # Errors
/// Database failures; a stored scope this damson does not know.
pub async fn find(db: &impl ConnectionTrait, id: ApiTokenId) -> Result<Option<ApiToken>, DbErr> {
    let rows = api_token::Entity::find_by_id(id.0).all(db).await?;
    Ok(with_owners(db, rows).await?.pop())
}

/// The token whose secret has this SHA-256, with its owner as they are now: one query, as every
/// API request asks it.
///
/// # Errors
/// Database failures; a stored scope or role this damson does not know.
pub async fn by_secret_hash(db: &impl ConnectionTrait, secret_hash: &str) -> Result<Option<(ApiToken, User)>, DbErr> {
    let Some((row, Some(owner))) = api_token::Entity::find()
        .filter(api_token::Column::SecretHash.eq(secret_hash))
        .find_also_related(user::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let owner = users::to_domain(owner)?;
    let names = HashMap::from([(row.user_id, owner.user_name.as_str().to_owned())]);
    let token = to_token(row, &names)?;
    Ok(Some((token, owner)))
}

/// `owner`'s tokens, or everyone's, newest first.
///
/// # Errors
/// Database failures; a stored scope this damson does not know.
pub async fn list(db: &impl ConnectionTrait, owner: Option<UserId>) -> Result<Vec<ApiToken>, DbErr> {
    let mut query = api_token::Entity::find().order_by_desc(api_token::Column::Id);
    if let Some(owner) = owner {
        query = query.filter(api_token::Column::UserId.eq(owner.0));
    }
    with_owners(db, query.all(db).await?).await
}

/// Removes a token; `false` when there was none.
///
/// # Errors
/// Database failures.
pub async fn delete(db: &impl ConnectionTrait, id: ApiTokenId) -> Result<bool, DbErr> {
    Ok(api_token::Entity::delete_by_id(id.0).exec(db).await?.rows_affected == 1)
}

/// Notes that the token was used `now`, unless that was already noted after `noted_after`.
///
/// # Errors
/// Database failures.
pub async fn note_use(
    db: &impl ConnectionTrait,
    id: ApiTokenId,
    now: OffsetDateTime,
    noted_after: OffsetDateTime,
) -> Result<(), DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(millis_of(now)))
        .filter(api_token::Column::Id.eq(id.0))
        .filter(
            Condition::any()
                .add(api_token::Column::LastUsedAt.is_null())
                .add(api_token::Column::LastUsedAt.lt(millis_of(noted_after))),
        )
        .exec(db)
        .await?;
    Ok(())
}

async fn with_owners(db: &impl ConnectionTrait, rows: Vec<api_token::Model>) -> Result<Vec<ApiToken>, DbErr> {
    let owners: Vec<i64> = rows.iter().map(|row| row.user_id).collect();
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(owners))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.user_name))
        .collect();
    rows.into_iter().map(|row| to_token(row, &names)).collect()
}

fn to_token(row: api_token::Model, names: &HashMap<i64, String>) -> Result<ApiToken, DbErr> {
    let scopes = row
        .scopes
        .split_whitespace()
        .map(|code| code.parse::<Scope>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| unreadable(format!("api token {}: {e}", row.id)))?;
    Ok(ApiToken {
        id: ApiTokenId(row.id),
        owner: UserId(row.user_id),
        owner_name: names.get(&row.user_id).cloned().unwrap_or_default(),
        name: row.name,
        scopes,
        shown: row.shown,
        created_at: instant_of(row.created_at)?,
        expires_at: row.expires_at.map(instant_of).transpose()?,
        last_used_at: row.last_used_at.map(instant_of).transpose()?,
    })
}
