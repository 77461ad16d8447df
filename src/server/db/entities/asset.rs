use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub description: String,
    pub availability: String,
    pub current_version_id: Option<i64>,
    pub revision: i64,
    /// The name in lower case, for the Name order.
    pub name_sort: String,
    /// The current version's size, for the Size order.
    pub file_size: i64,
    /// The static link's token, made when it is first copied.
    pub static_token: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub created_by: i64,
    /// The last edit, new version or link, for the Recently updated order (`search_facts::record_changed`).
    pub updated_at: TimeDateTimeWithTimeZone,
    /// Whether it keeps one file per locale besides its main file.
    pub localizable: bool,
    /// Whether webhooks were last told it is published (`None`: not followed yet).
    pub announced_published: Option<bool>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
