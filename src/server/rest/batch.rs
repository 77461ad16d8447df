//! A batch change of up to 100 assets by code, as a PIM's batch upsert: each item is changed on
//! its own under the Details tab's rules, and answered with its own status, so one bad line does
//! not hold back the others.

use axum::{Json, body::Bytes, extract::State};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::{
    problem::{ApiError, Problem, Refused, Unreadable},
    wire::{AssetDetail, AssetPatch},
};
use crate::domain::{AppError, Scope, paths};
use crate::server::{api_tokens::Caller, assets, state::AppState};

/// At most this many assets a batch.
const MAX_BATCH: usize = 100;

/// One asset's changes in a batch: its code, and the fields of a PATCH.
#[derive(ToSchema)]
#[allow(dead_code, reason = "describes an item for the document; each is read on its own")]
pub struct BatchChange {
    /// The asset's code.
    code: String,
    #[serde(flatten)]
    changes: AssetPatch,
}

/// What became of one item of a batch.
#[derive(Serialize, ToSchema)]
pub struct BatchResult {
    /// The item's code, as sent (empty when it had none).
    pub code: String,
    /// The status a change of this asset on its own would have answered.
    pub status: u16,
    /// The asset as changed, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<AssetDetail>,
    /// Why it was not, when it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

/// Changes up to 100 assets by code: a JSON array of `{code, …}` with the fields of a PATCH.
/// Each item is applied on its own and answered in order with its own status; the answer is 200
/// whatever the items' statuses. A change someone else made meanwhile is not overwritten (412).
#[utoipa::path(
    patch,
    path = paths::api_v1::ASSETS,
    tag = "assets",
    request_body = Vec<BatchChange>,
    responses(
        (status = 200, description = "Each item's result, in order", body = Vec<BatchResult>),
        Refused,
        Unreadable,
    )
)]
pub async fn change(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Json<Vec<BatchResult>>, ApiError> {
    caller.require(Scope::AssetsWrite)?;
    let items: Vec<Value> = serde_json::from_slice(&body)
        .map_err(|e| AppError::Validation(format!("The body is a JSON array of changes: {e}.")))?;
    if items.len() > MAX_BATCH {
        return Err(AppError::Validation(format!(
            "A batch changes at most {MAX_BATCH} assets, not {}.",
            items.len()
        ))
        .into());
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        let code = item.get("code").and_then(Value::as_str).unwrap_or_default().to_owned();
        let result = match change_one(&state, item).await {
            Ok(asset) => BatchResult {
                code,
                status: 200,
                asset: Some(asset),
                problem: None,
            },
            Err(error) => {
                let problem = Problem::from(&error);
                BatchResult {
                    code,
                    status: problem.status,
                    asset: None,
                    problem: Some(problem),
                }
            }
        };
        results.push(result);
    }
    Ok(Json(results))
}

/// Applies one item: the asset as it is now, with the item's fields changed.
async fn change_one(state: &AppState, mut item: Value) -> Result<AssetDetail, AppError> {
    let code = item
        .as_object_mut()
        .and_then(|fields| fields.remove("code"))
        .and_then(|code| code.as_str().map(str::to_owned))
        .ok_or_else(|| AppError::Validation("Each change names its asset by \"code\".".into()))?;
    let patch: AssetPatch = serde_json::from_value(item).map_err(|e| {
        AppError::Validation(format!(
            "The changes of \u{201c}{code}\u{201d} are not an asset's: {e}."
        ))
    })?;
    let asset = assets::by_code(state, &code).await?;
    let changes = patch.applied_to(&asset)?;
    Ok(assets::update(state, asset.id, asset.revision, &changes).await?.into())
}
