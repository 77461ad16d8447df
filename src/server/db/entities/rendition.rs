use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "renditions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub content_key: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    pub rendition_key: String,
    pub width: i32,
    pub height: i32,
    pub size: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
