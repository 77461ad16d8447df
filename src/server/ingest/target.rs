//! Which asset an arriving file is for, and the refusals that come before any of its bytes are
//! kept.

use sea_orm::DatabaseConnection;

use crate::domain::{AppError, AssetId, Locale};
use crate::server::db::assets;

/// Which asset a file is for.
#[derive(Clone, Debug)]
pub enum Target {
    /// The asset whose code is the file name without extension, new if there is none.
    ByCode,
    /// A new version of this asset, whatever the file is called.
    Asset(AssetId),
    /// A new version of this localizable asset's file for this locale, whatever it is called.
    AssetLocale(AssetId, Locale),
    /// Where a mass upload's file goes by its name, given the locales in use (`domain::place`).
    ByName { locales: Vec<Locale> },
}

pub(super) fn not_localizable() -> AppError {
    AppError::Validation("This asset is not localizable: tick Localizable in its Details first.".into())
}

impl Target {
    /// A new version of the asset's main file, or of its file for `locale`.
    pub fn version_of(asset: AssetId, locale: Option<Locale>) -> Target {
        match locale {
            Some(locale) => Target::AssetLocale(asset, locale),
            None => Target::Asset(asset),
        }
    }

    /// Refuses an asset that is not there, before a byte is stored for it.
    ///
    /// # Errors
    /// `NotFound`, database failures.
    pub async fn check(&self, db: &DatabaseConnection) -> Result<(), AppError> {
        match self {
            Target::Asset(id) => {
                assets::current_file(db, *id).await?.ok_or(AppError::NotFound)?;
            }
            // Refused before its bytes are kept: a refusal after keeping would cost an S3 upload
            // its completed blob.
            Target::AssetLocale(id, _) if !assets::is_localizable(db, *id).await?.ok_or(AppError::NotFound)? => {
                return Err(not_localizable());
            }
            Target::AssetLocale(..) | Target::ByCode | Target::ByName { .. } => {}
        }
        Ok(())
    }
}
