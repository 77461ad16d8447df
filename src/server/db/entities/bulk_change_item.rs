use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bulk_change_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub bulk_change_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub asset_id: i64,
    pub asset_name: String,
    /// `done`, `skipped` or `failed`; `None` while the asset waits its turn.
    pub outcome: Option<String>,
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
