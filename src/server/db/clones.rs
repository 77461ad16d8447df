//! Clone: a new asset with the same current file (stored once), description, labels and
//! availability, named "… (Cloned)", added by whoever cloned it, now. No links come along.

use sea_orm::DatabaseConnection;

use super::{
    assets::{self, NewAsset},
    versions,
};
use crate::domain::{AppError, AssetChanges, AssetId, Availability, UserId};

/// # Errors
/// `NotFound` for an unknown asset; database failures.
pub async fn clone(db: &DatabaseConnection, source: AssetId, user: UserId) -> Result<AssetId, AppError> {
    let (original, version) = assets::with_current_version(db, source).await?;
    let file = versions::VersionFile::of(&version);
    let labels = super::asset_labels::labels_of(db, source).await?;
    let availability: Availability = original.availability.parse()?;
    let id = super::retried(db, |txn| {
        let (original, file, labels) = (original.clone(), file.clone(), labels.clone());
        Box::pin(async move {
            let copy = NewAsset {
                code: free_code(txn, &original.code).await?,
                name: cloned_name(&original.name),
                description: original.description,
                availability,
                localizable: original.localizable,
            };
            let id = assets::insert(txn, copy, user).await?;
            super::asset_labels::add_labels(txn, id, &labels).await?;
            versions::add_current_version(txn, id, None, &file, user).await?;
            Ok::<_, sea_orm::DbErr>(id)
        })
    })
    .await?;
    Ok(id)
}

/// The name plus " (Cloned)", shortened so that the whole fits.
pub fn cloned_name(name: &str) -> String {
    const SUFFIX: &str = " (Cloned)";
    let room = AssetChanges::MAX_NAME_CHARS - SUFFIX.chars().count();
    format!("{}{SUFFIX}", name.chars().take(room).collect::<String>())
}

/// `code_clone`, or `code_clone_2`, `code_clone_3`, … : the first that no asset has.
async fn free_code(db: &impl sea_orm::ConnectionTrait, code: &str) -> Result<String, sea_orm::DbErr> {
    let stem: String = code.chars().take(230).collect();
    for n in 1.. {
        let candidate = if n == 1 {
            format!("{stem}_clone")
        } else {
            format!("{stem}_clone_{n}")
        };
        if assets::find_id_by_code(db, &candidate).await?.is_none() {
            return Ok(candidate);
        }
    }
    unreachable!("codes run out only after u32::MAX clones")
}

#[cfg(test)]
mod tests {
    use super::cloned_name;

    #[test]
    fn a_clone_is_named_after_its_original_and_still_fits() {
        assert_eq!(cloned_name("Red shoe"), "Red shoe (Cloned)");
        let long = cloned_name(&"n".repeat(255));
        assert_eq!(long.chars().count(), 255);
        assert!(long.ends_with(" (Cloned)"));
    }
}
