use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What the job is about, so that the same work is queued once.
    pub key: Option<String>,
    /// The job's kind and arguments, as JSON.
    pub kind: String,
    pub state: String,
    pub attempts: i32,
    /// Unix milliseconds.
    pub run_after: i64,
    /// Unix milliseconds.
    pub lease_until: Option<i64>,
    /// Why the last attempt failed, as a person reads it.
    pub error: Option<String>,
    /// The stable code of that error (`AppError::code`).
    pub error_code: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
