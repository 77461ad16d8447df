//! Queries on users. Password hashes stay in this module's `Credentials`, which never serializes.

use super::unreadable;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::entities::user;
use crate::domain::{Role, User, UserId, UserName};

/// A user together with what proves who they are. Deliberately not `Serialize`.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

/// The fields the database keeps for a new user.
pub struct NewUserRecord {
    pub user_name: UserName,
    pub role: Role,
    pub password_hash: String,
}

pub(super) fn to_domain(model: user::Model) -> Result<User, DbErr> {
    let role = model
        .role
        .parse::<Role>()
        .map_err(|e| unreadable(format!("user {}: {e}", model.id)))?;
    let user_name = UserName::parse(&model.user_name).map_err(|e| unreadable(format!("user {}: {e}", model.id)))?;
    Ok(User {
        id: UserId(model.id),
        user_name,
        role,
        active: model.active,
    })
}

/// # Errors
/// Database failures.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    user::Entity::find().count(db).await
}

/// # Errors
/// Database failures.
pub async fn find(db: &impl ConnectionTrait, id: UserId) -> Result<Option<User>, DbErr> {
    user::Entity::find_by_id(id.0).one(db).await?.map(to_domain).transpose()
}

/// # Errors
/// Database failures.
pub async fn find_credentials(db: &impl ConnectionTrait, user_name: &str) -> Result<Option<Credentials>, DbErr> {
    let Some(model) = user::Entity::find()
        .filter(user::Column::UserName.eq(user_name))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let password_hash = model.password_hash.clone();
    Ok(Some(Credentials {
        user: to_domain(model)?,
        password_hash,
    }))
}

/// Every user, by name.
///
/// # Errors
/// Database failures.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<User>, DbErr> {
    user::Entity::find()
        .order_by_asc(user::Column::UserName)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// # Errors
/// Database failures, a unique violation when the name is taken.
pub async fn insert(db: &impl ConnectionTrait, record: NewUserRecord) -> Result<UserId, DbErr> {
    let model = user::ActiveModel {
        user_name: Set(record.user_name.as_str().to_owned()),
        password_hash: Set(record.password_hash),
        role: Set(record.role.code().to_owned()),
        active: Set(true),
        created_at: Set(time::OffsetDateTime::now_utc()),
        ..Default::default()
    };
    Ok(UserId(model.insert(db).await?.id))
}

/// What an update changes about one user.
pub enum UserChange {
    Role(Role),
    PasswordHash(String),
    Active(bool),
}

/// The user after the change; none for an unknown id.
///
/// # Errors
/// Database failures.
pub async fn update(db: &impl ConnectionTrait, id: UserId, change: UserChange) -> Result<Option<User>, DbErr> {
    let mut model = user::ActiveModel {
        id: Set(id.0),
        ..Default::default()
    };
    match change {
        UserChange::Role(role) => model.role = Set(role.code().to_owned()),
        UserChange::PasswordHash(hash) => model.password_hash = Set(hash),
        UserChange::Active(active) => model.active = Set(active),
    }
    match model.update(db).await {
        Ok(model) => to_domain(model).map(Some),
        Err(sea_orm::DbErr::RecordNotUpdated) => Ok(None),
        Err(error) => Err(error),
    }
}
