use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_endpoints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub url: String,
    /// The codes of the events it wants, separated by spaces.
    pub events: String,
    pub enabled: bool,
    /// `whsec_…`: kept, since every delivery is signed with it.
    pub secret: String,
    /// Why damson disabled it (410 Gone, three days of failures).
    pub disabled_reason: Option<String>,
    /// Unix milliseconds of the first failure since the last success.
    pub failing_since: Option<i64>,
    /// Unix milliseconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
