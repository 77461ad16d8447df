//! tower-sessions' store on damson's own database, so sessions live wherever the data does
//! (one SQLite file, or PostgreSQL shared by many app instances).

use async_trait::async_trait;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
};
use std::sync::Arc;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{Error, Result},
};

use super::entities::session;
use crate::domain::UserId;

/// How far the clock sessions are measured by is ahead of the system's, by which tower-sessions
/// dates their expiry.
pub type ClockOffset = Arc<dyn Fn() -> time::Duration + Send + Sync>;

#[derive(Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    offset: ClockOffset,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbSessionStore").finish_non_exhaustive()
    }
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection, offset: ClockOffset) -> Self {
        Self { db, offset }
    }

    fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::now_utc() + (self.offset)()
    }

    /// Removes sessions whose time is up; returns how many.
    ///
    /// # Errors
    /// Database failures.
    pub async fn delete_expired(&self) -> Result<u64> {
        let now = self.now().unix_timestamp();
        let deleted = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(deleted.rows_affected)
    }

    fn row(&self, record: &Record) -> Result<session::Model> {
        Ok(session::Model {
            id: record.id.to_string(),
            data: serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?,
            expires_at: (record.expiry_date + (self.offset)()).unix_timestamp(),
            user_id: record.data.get(USER_ID_KEY).and_then(serde_json::Value::as_i64),
        })
    }
}

/// The session key under which the signed-in user's id is kept.
pub const USER_ID_KEY: &str = "user_id";

/// Ends every session of a user but `except` (the one asking, when they change their own
/// password); their next request finds no session.
///
/// # Errors
/// Database failures.
pub async fn end_all_of(
    db: &impl ConnectionTrait,
    user: UserId,
    except: Option<&str>,
) -> std::result::Result<u64, sea_orm::DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user.0));
    if let Some(kept) = except {
        query = query.filter(session::Column::Id.ne(kept));
    }
    Ok(query.exec(db).await?.rows_affected)
}

fn backend(error: sea_orm::DbErr) -> Error {
    Error::Backend(error.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh id until the insert does not collide with a live session.
        loop {
            let row = self.row(record)?;
            let row = session::ActiveModel {
                id: Set(row.id),
                data: Set(row.data),
                expires_at: Set(row.expires_at),
                user_id: Set(row.user_id),
            };
            match session::Entity::insert(row).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(e) if super::is_unique_violation(&e) => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
    }

    /// Updates a session that still exists. One ended meanwhile (signed out, or all of its user's
    /// sessions ended) stays ended: a request that was in flight cannot bring it back.
    async fn save(&self, record: &Record) -> Result<()> {
        let row = self.row(record)?;
        session::Entity::update_many()
            .col_expr(session::Column::Data, Expr::value(row.data))
            .col_expr(session::Column::ExpiresAt, Expr::value(row.expires_at))
            .col_expr(session::Column::UserId, Expr::value(row.user_id))
            .filter(session::Column::Id.eq(row.id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = self.now().unix_timestamp();
        let Some(model) = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        // Back on the system's time, which tower-sessions dates by.
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(model.expires_at)
            .map_err(|e| Error::Decode(e.to_string()))?
            - (self.offset)();
        let data = serde_json::from_str(&model.data).map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
