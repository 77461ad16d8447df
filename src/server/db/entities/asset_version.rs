use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub asset_id: i64,
    pub number: i32,
    pub content_key: String,
    pub file_name: String,
    pub mime: String,
    pub file_type: String,
    pub size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub created_by: i64,
    /// The public (pinned) link's token, made when it is first copied.
    pub public_token: Option<String>,
    /// The locale whose file this is a version of; empty for the main file.
    pub locale: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
