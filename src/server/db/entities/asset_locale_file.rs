use sea_orm::entity::prelude::*;

/// A localizable asset's file for one locale: which of its versions is current.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset_locale_files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub asset_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub locale: String,
    pub current_version_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
