use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "uploads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i64,
    pub file_name: String,
    pub size: i64,
    /// Bytes kept so far, from the start.
    pub received: i64,
    /// The SHA-256 of the bytes received, as its serialized state.
    pub hash_state: Vec<u8>,
    /// Where storage gathers the bytes (`storage::UploadHandle`).
    pub storage_handle: String,
    /// Each chunk's receipt from storage, one per line.
    pub receipts: String,
    /// The content's key, once every byte is in.
    pub content_key: Option<String>,
    /// Unix milliseconds: a chunk is being received until then.
    pub busy_until: Option<i64>,
    /// The process receiving that chunk, as `host:pid`.
    pub busy_by: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds: the last chunk received.
    pub updated_at: i64,
    /// The import that took it, once one did.
    pub import_id: Option<i64>,
    /// What the import did with it (`new_asset`, `new_version`, `locale_file`, `skipped`,
    /// `failed`), once it did.
    pub outcome: Option<String>,
    /// What it became, or why it was skipped or failed.
    pub detail: Option<String>,
    /// The asset it went to.
    pub asset_id: Option<i64>,
    /// The file's MIME type, as its first chunk showed.
    pub mime: Option<String>,
    /// A picture's upright width and height, as its first chunk showed.
    pub width: Option<i32>,
    pub height: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
