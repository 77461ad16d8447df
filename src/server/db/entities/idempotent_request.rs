use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotent_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub token_id: i64,
    pub idempotency_key: String,
    /// SHA-256 of the method, address and body's type and length, in hex.
    pub request_hash: String,
    /// SHA-256 of the body, once the first request has its answer.
    pub body_hash: Option<String>,
    /// The answer's status; `None` while the first request is on its way.
    pub status: Option<i32>,
    /// The answer's headers that matter, as JSON pairs.
    pub answer_headers: Option<String>,
    pub answer_body: Option<Vec<u8>>,
    /// Unix milliseconds.
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
