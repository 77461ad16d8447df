//! Views of the Assets page: who may see, change and delete which (`AssetView`'s rules).

use super::{db, errors::taken_or_failed, state::AppState};
use crate::domain::{AppError, AssetView, AssetViewFields, AssetViews, User};

/// # Errors
/// Database failures.
pub async fn visible(state: &AppState, user: &User) -> Result<AssetViews, AppError> {
    db::asset_views::visible_to(&state.db, user).await
}

/// Saves a new view of the user's, or changes one of theirs; returns it.
///
/// # Errors
/// `NotFound` for a view the user cannot see, `Forbidden` for another's; `Conflict` for a name in
/// use; database failures.
pub async fn save(
    state: &AppState,
    user: &User,
    id: Option<i64>,
    fields: &AssetViewFields,
) -> Result<AssetView, AppError> {
    if let Some(id) = id {
        let view = visible_view(state, user, id).await?;
        if !view.changeable_by(user) {
            return Err(AppError::Forbidden {
                action: "change another user's view".into(),
            });
        }
    }
    let saved = db::asset_views::save(&state.db, user.id, id, fields)
        .await
        .map_err(|error| {
            taken_or_failed(error, || {
                AppError::Conflict(format!(
                    "You already have a view named \u{201c}{}\u{201d}.",
                    fields.name
                ))
            })
        })?;
    db::asset_views::find(&state.db, saved).await
}

/// # Errors
/// `NotFound` for a view the user cannot see, `Forbidden` when they may not delete it; database
/// failures.
pub async fn delete(state: &AppState, user: &User, id: i64) -> Result<AssetViews, AppError> {
    let view = visible_view(state, user, id).await?;
    if !view.deletable_by(user) {
        return Err(AppError::Forbidden {
            action: "delete another user's view".into(),
        });
    }
    db::asset_views::delete(&state.db, id).await?;
    visible(state, user).await
}

/// Sets the view `/assets` opens for the user (one they can see), or none.
///
/// # Errors
/// `NotFound` for a view the user cannot see; database failures.
pub async fn set_default(state: &AppState, user: &User, id: Option<i64>) -> Result<AssetViews, AppError> {
    if let Some(id) = id {
        visible_view(state, user, id).await?;
    }
    db::asset_views::set_default(&state.db, user.id, id).await?;
    visible(state, user).await
}

/// A view the user can see; another user's private view is not found, as if it were not there.
async fn visible_view(state: &AppState, user: &User, id: i64) -> Result<AssetView, AppError> {
    let view = db::asset_views::find(&state.db, id).await?;
    if view.visible_to(user) {
        Ok(view)
    } else {
        Err(AppError::NotFound)
    }
}
