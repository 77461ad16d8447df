use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset_labels")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub asset_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
