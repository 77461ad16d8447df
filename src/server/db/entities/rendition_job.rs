use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rendition_jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_key: String,
    pub mime: String,
    pub state: String,
    pub attempts: i32,
    /// Unix milliseconds.
    pub run_after: i64,
    /// Unix milliseconds.
    pub lease_until: Option<i64>,
    pub error: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
