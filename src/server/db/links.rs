//! Tokens of the links that work without signing in. A version's token pins that version; an
//! asset's token follows its current version. Tokens are 128 random bits, made on first use.

use super::unreadable;
use sea_orm::DbErr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{
    entities::{asset, asset_version},
    versions::VersionFile,
};
use crate::domain::{AssetId, Availability, Locale};

/// What a token opens, when the asset may be seen from outside.
pub struct Published {
    pub file: VersionFile,
}

/// The tokens of the current version of an asset's file for `locale` (public link) and of the
/// asset (static link); none for an unknown asset.
///
/// # Errors
/// Database failures; `Internal` when the system has no randomness.
pub async fn tokens(
    db: &impl ConnectionTrait,
    id: AssetId,
    locale: Option<&Locale>,
) -> Result<Option<(String, String)>, DbErr> {
    let Some((_, version)) = super::assets::with_file_for(db, id, locale).await? else {
        return Ok(None);
    };
    let version_id = version.id;
    // Set only where none is set yet, so that two people copying at once get the same link.
    asset_version::Entity::update_many()
        .col_expr(asset_version::Column::PublicToken, Expr::value(new_token()?))
        .filter(asset_version::Column::Id.eq(version_id))
        .filter(asset_version::Column::PublicToken.is_null())
        .exec(db)
        .await?;
    asset::Entity::update_many()
        .col_expr(asset::Column::StaticToken, Expr::value(new_token()?))
        .filter(asset::Column::Id.eq(id.0))
        .filter(asset::Column::StaticToken.is_null())
        .exec(db)
        .await?;
    let version = asset_version::Entity::find_by_id(version_id).one(db).await?;
    let model = asset::Entity::find_by_id(id.0).one(db).await?;
    let (Some(version), Some(model)) = (version, model) else {
        // Deleted meanwhile.
        return Ok(None);
    };
    match (version.public_token, model.static_token) {
        (Some(pinned), Some(current)) => Ok(Some((pinned, current))),
        _ => Err(DbErr::RecordNotInserted),
    }
}

/// The version a public (pinned) link opens, if its asset is published.
///
/// # Errors
/// Database failures.
pub async fn pinned(db: &impl ConnectionTrait, token: &str) -> Result<Option<Published>, DbErr> {
    let Some(version) = asset_version::Entity::find()
        .filter(asset_version::Column::PublicToken.eq(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(asset) = asset::Entity::find_by_id(version.asset_id).one(db).await? else {
        return Ok(None);
    };
    Ok(is_published(db, &asset).await?.then_some(Published {
        file: VersionFile::of(&version),
    }))
}

/// The current version a static link opens, if its asset is published: of its file for
/// `locale`, its own or else the main file.
///
/// # Errors
/// Database failures.
pub async fn current(
    db: &impl ConnectionTrait,
    token: &str,
    locale: Option<&Locale>,
) -> Result<Option<Published>, DbErr> {
    let Some(asset) = asset::Entity::find()
        .filter(asset::Column::StaticToken.eq(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !is_published(db, &asset).await? {
        return Ok(None);
    }
    let file = super::assets::current_file_for(db, AssetId(asset.id), locale).await?;
    Ok(file.map(|file| Published { file }))
}

async fn is_published(db: &impl ConnectionTrait, asset: &asset::Model) -> Result<bool, DbErr> {
    let availability: Availability = asset.availability.parse().map_err(unreadable)?;
    Ok(super::publication::of_one(db, AssetId(asset.id), availability)
        .await?
        .is_published())
}

fn new_token() -> Result<String, DbErr> {
    crate::server::random::hex_128().map_err(|e| DbErr::Custom(format!("no randomness for a link token: {e}")))
}
