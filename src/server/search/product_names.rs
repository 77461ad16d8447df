//! The products a filter's product text names (`db::products::ids_named`), as the database
//! answered within the last second: a filtered grid asks for its page and its counts together and
//! renders again after each click, and each answer scans every product's name for the text (15 ms
//! at 100,000 products). A product created or renamed since shows within that second.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::server::db;

/// How long an answer is used again.
const FRESH_FOR: Duration = Duration::from_secs(1);
/// Answers kept at most; all are forgotten when it is reached.
const KEPT: usize = 256;

#[derive(Default)]
pub struct ProductNames {
    answers: Mutex<HashMap<String, (Instant, Vec<i64>)>>,
}

impl ProductNames {
    /// The ids of the products `text` names.
    ///
    /// # Errors
    /// Database failures.
    pub async fn ids(&self, db: &sea_orm::DatabaseConnection, text: &str) -> Result<Vec<i64>, sea_orm::DbErr> {
        if let Some((asked, ids)) = self.answers().get(text)
            && asked.elapsed() < FRESH_FOR
        {
            return Ok(ids.clone());
        }
        let ids = db::products::ids_named(db, text).await?;
        let mut answers = self.answers();
        if answers.len() >= KEPT {
            answers.clear();
        }
        answers.insert(text.to_owned(), (Instant::now(), ids.clone()));
        Ok(ids)
    }

    fn answers(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Instant, Vec<i64>)>> {
        self.answers.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
