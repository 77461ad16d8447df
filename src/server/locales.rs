//! The locales in use: a list System admins and PIM admins keep, en_US from the start. A locale
//! stays while an asset has a file for it.

use super::{db, errors::ServiceError, state::AppState};
use crate::domain::{AppError, Locale};

/// Every locale in use, A to Z.
///
/// # Errors
/// Database failures.
pub async fn all(state: &AppState) -> Result<Vec<Locale>, AppError> {
    Ok(db::locales::all(&state.db).await?)
}

/// Adds the locale to the list; returns the list.
///
/// # Errors
/// `Conflict` when it is in the list already; database failures.
pub async fn add(state: &AppState, locale: &Locale) -> Result<Vec<Locale>, AppError> {
    match db::locales::add(&state.db, locale).await {
        Ok(()) => {}
        Err(error) if db::is_unique_violation(&error) => {
            return Err(AppError::Conflict(format!("{locale} is in the list already.")));
        }
        Err(error) => return Err(error.into()),
    }
    all(state).await
}

/// Takes the locale off the list, unless an asset has a file for it; returns the list.
///
/// # Errors
/// `Conflict` naming how many assets have a file for it; `NotFound`; database failures.
pub async fn remove(state: &AppState, locale: &Locale) -> Result<Vec<Locale>, AppError> {
    db::retried(&state.db, |txn| {
        let locale = locale.clone();
        Box::pin(async move {
            let in_use = db::locales::files_for(txn, &locale).await?;
            if in_use > 0 {
                return Err(AppError::Conflict(format!(
                    "{in_use} asset(s) have a file for {locale}, so it stays in the list."
                ))
                .into());
            }
            if !db::locales::remove(txn, &locale).await? {
                return Err(AppError::NotFound.into());
            }
            Ok::<_, ServiceError>(())
        })
    })
    .await?;
    all(state).await
}
