use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The `webhook-id` every delivery and retry of it carries.
    #[sea_orm(unique)]
    pub webhook_id: String,
    pub event: String,
    /// The JSON sent, byte for byte the same on every retry.
    pub body: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
