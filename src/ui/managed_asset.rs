use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::{AppError, AssetId, Permission, User};

/// The asset a linking page (`/assets/<id>/…`) changes, when the signed-in user may manage
/// assets: otherwise what to say instead. The server refuses the changes all the same.
pub fn managed_asset() -> Result<AssetId, AppError> {
    require_manager()?;
    use_params_map()
        .read_untracked()
        .get(crate::domain::paths::segments::ASSET_ID)
        .and_then(|id| id.parse().ok())
        .map(AssetId)
        .ok_or(AppError::NotFound)
}

/// Whether the signed-in user may manage assets; otherwise what to say instead.
pub fn require_manager() -> Result<(), AppError> {
    let can_manage = use_context::<User>().is_some_and(|user| user.role.can(Permission::Manage));
    if can_manage {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            action: "manage assets".into(),
        })
    }
}
