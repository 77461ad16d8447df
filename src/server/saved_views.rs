//! Saved views of the Assets page and of Select products: who may see, change and delete which
//! (`SavedView`'s rules).

use super::{db, errors::taken_or_failed, state::AppState};
use crate::domain::{AppError, AssetViews, SavedView, User, ViewFields, ViewKind};

/// The Assets page's views the user sees, and their default.
///
/// # Errors
/// Database failures.
pub async fn of_assets(state: &AppState, user: &User) -> Result<AssetViews, AppError> {
    let (mine, shared) = db::saved_views::visible_to(&state.db, user.id, ViewKind::Assets)
        .await?
        .into_iter()
        .partition(|view| view.owner == user.id);
    let default = db::saved_views::default_of(&state.db, user.id).await?;
    Ok(AssetViews { mine, shared, default })
}

/// The user's Select products views (they are never shared).
///
/// # Errors
/// Database failures.
pub async fn of_products(state: &AppState, user: &User) -> Result<Vec<SavedView>, AppError> {
    Ok(db::saved_views::visible_to(&state.db, user.id, ViewKind::Products).await?)
}

/// Saves a new view of the user's, or changes one of theirs; returns it.
///
/// # Errors
/// `NotFound` for a view the user cannot see or of another kind, `Forbidden` for another's;
/// `Conflict` for a name in use; database failures.
pub async fn save(state: &AppState, user: &User, id: Option<i64>, fields: &ViewFields) -> Result<SavedView, AppError> {
    if let Some(id) = id {
        let view = visible_view(state, user, fields.kind, id).await?;
        if !view.changeable_by(user) {
            return Err(AppError::Forbidden {
                action: "change another user's view".into(),
            });
        }
    }
    let saved = db::saved_views::save(&state.db, user.id, id, fields)
        .await
        .map_err(|error| {
            taken_or_failed(error, || {
                AppError::Conflict(format!(
                    "You already have a view named \u{201c}{}\u{201d}.",
                    fields.name
                ))
            })
        })?;
    db::saved_views::find(&state.db, saved).await?.ok_or(AppError::NotFound)
}

/// Saves the filters under the name, replacing the user's view of that name (as Select
/// products does); returns the user's views of that kind.
///
/// # Errors
/// As `save`.
pub async fn save_by_name(state: &AppState, user: &User, fields: &ViewFields) -> Result<Vec<SavedView>, AppError> {
    let id = db::saved_views::named(&state.db, user.id, fields.kind, &fields.name).await?;
    save(state, user, id, fields).await?;
    Ok(db::saved_views::visible_to(&state.db, user.id, fields.kind).await?)
}

/// # Errors
/// `NotFound` for a view the user cannot see or of another kind, `Forbidden` when they may not
/// delete it; database failures.
pub async fn delete(state: &AppState, user: &User, kind: ViewKind, id: i64) -> Result<(), AppError> {
    let view = visible_view(state, user, kind, id).await?;
    if !view.deletable_by(user) {
        return Err(AppError::Forbidden {
            action: "delete another user's view".into(),
        });
    }
    Ok(db::saved_views::delete(&state.db, id).await?)
}

/// Sets the view `/assets` opens for the user (one of the Assets page they can see), or none.
///
/// # Errors
/// `NotFound` for a view the user cannot see; database failures.
pub async fn set_default(state: &AppState, user: &User, id: Option<i64>) -> Result<AssetViews, AppError> {
    if let Some(id) = id {
        visible_view(state, user, ViewKind::Assets, id).await?;
    }
    db::saved_views::set_default(&state.db, user.id, id).await?;
    of_assets(state, user).await
}

/// A view of `kind` the user can see; another user's private view, or one of another page, is
/// not found, as if it were not there.
async fn visible_view(state: &AppState, user: &User, kind: ViewKind, id: i64) -> Result<SavedView, AppError> {
    match db::saved_views::find(&state.db, id).await? {
        Some(view) if view.kind == kind && view.visible_to(user) => Ok(view),
        _ => Err(AppError::NotFound),
    }
}
