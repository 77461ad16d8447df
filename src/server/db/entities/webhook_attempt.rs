use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub delivery_id: i64,
    pub endpoint_id: i64,
    /// Unix milliseconds.
    pub attempted_at: i64,
    /// The answer's HTTP status; `None` when none came.
    pub status: Option<i32>,
    pub duration_ms: i64,
    /// The first 4 KB of the answer's body.
    pub answer: String,
    /// Why no answer came, or why the delivery was not made.
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
