//! Webhooks as people set them up: an endpoint (a URL on another system) and the events it wants,
//! and when a delivery that failed is tried again.

use serde::{Deserialize, Serialize};
use std::time::Duration;
use time::OffsetDateTime;

use super::{AppError, coded::coded};

/// What happened, as an endpoint subscribes to it and a delivery's `type` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WebhookEvent {
    AssetCreated,
    AssetUpdated,
    AssetVersionAdded,
    AssetDeleted,
    AssetPublished,
    AssetUnpublished,
    ProductAssetsChanged,
    ImportFinished,
}

coded!(WebhookEvent, |code| -> AppError { AppError::Validation(format!("There is no webhook event \"{code}\".")) }, {
    AssetCreated => "asset.created", "An asset is created";
    AssetUpdated => "asset.updated", "An asset's details change";
    AssetVersionAdded => "asset.version_added", "A version is added or restored";
    AssetDeleted => "asset.deleted", "An asset is deleted";
    AssetPublished => "asset.published", "An asset becomes published";
    AssetUnpublished => "asset.unpublished", "An asset stops being published";
    ProductAssetsChanged => "product.assets_changed", "A product's assets change";
    ImportFinished => "upload.import_finished", "An import of uploads finishes";
});

/// The event of the message "Send test event" sends; no endpoint subscribes to it.
pub const TEST_EVENT: &str = "webhook.test";

/// An endpoint's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WebhookEndpointId(pub i64);

/// An endpoint as its System admin sees it: never its secret, which is shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpoint {
    pub id: WebhookEndpointId,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub enabled: bool,
    /// Why damson disabled it: it answered 410 Gone, or failed for three days.
    pub disabled_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A new endpoint and its signing secret, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedWebhookEndpoint {
    pub endpoint: WebhookEndpoint,
    pub secret: String,
}

/// A delivery's database id: one message to one endpoint, however many attempts it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WebhookDeliveryId(pub i64);

/// One attempt to deliver a message, as the endpoint's delivery log shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookAttempt {
    pub id: i64,
    pub delivery: WebhookDeliveryId,
    /// The `webhook-id`: the same on every attempt of the message.
    pub webhook_id: String,
    /// The event's code (`asset.created`, or `webhook.test`).
    pub event: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The answer's HTTP status; `None` when no answer came.
    pub status: Option<u16>,
    pub duration_ms: u64,
    /// The first 4 KB of the answer's body.
    pub answer: String,
    /// Why no answer came, or why nothing was sent.
    pub error: Option<String>,
}

impl WebhookAttempt {
    /// Whether the endpoint took the message: a 2xx answer.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| (200..300).contains(&status))
    }
}

/// The most of an answer's body the delivery log keeps.
pub const MAX_ANSWER_BYTES: usize = 4096;

/// The longest endpoint URL.
pub const MAX_URL_CHARS: usize = 2000;

/// An endpoint as entered: its URL and the events it wants, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewWebhookEndpoint {
    pub url: String,
    pub events: Vec<WebhookEvent>,
}

impl NewWebhookEndpoint {
    /// # Errors
    /// `Validation` naming what is wrong: a URL that is not http(s) with a host, credentials in
    /// it, no event, or an event that is not one.
    pub fn parse(url: &str, events: &[String]) -> Result<Self, AppError> {
        let url = url.trim();
        if url.chars().count() > MAX_URL_CHARS {
            return Err(AppError::Validation(format!(
                "An endpoint's URL has at most {MAX_URL_CHARS} characters."
            )));
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(AppError::Validation(
                "An endpoint's URL has no spaces or control characters: percent-encode them.".into(),
            ));
        }
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| AppError::Validation("An endpoint's URL starts with https:// (or http://).".into()))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.is_empty() {
            return Err(AppError::Validation(format!("\u{201c}{url}\u{201d} names no host.")));
        }
        if authority.contains('@') {
            return Err(AppError::Validation(
                "An endpoint's URL carries no user name or password: the signature proves the sender.".into(),
            ));
        }
        let mut chosen = events
            .iter()
            .map(|event| event.parse())
            .collect::<Result<Vec<WebhookEvent>, AppError>>()?;
        chosen.sort_unstable();
        chosen.dedup();
        if chosen.is_empty() {
            return Err(AppError::Validation("Choose at least one event to send.".into()));
        }
        Ok(NewWebhookEndpoint {
            url: url.to_owned(),
            events: chosen,
        })
    }
}

/// When a delivery's next try is due, after `attempts` tries failed: at once, then after 5 s,
/// 5 min, 30 min, 2 h, 5 h and 10 h, then daily, until three days have passed since the first
/// try; `None` after that. The caller adds jitter.
pub fn retry_after(attempts: u32) -> Option<Duration> {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const SCHEDULE: [u64; 7] = [0, 5, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR];
    const GIVE_UP_AFTER: u64 = 72 * HOUR;
    let wait = |try_number: usize| SCHEDULE.get(try_number).copied().unwrap_or(24 * HOUR);
    let waited: u64 = (0..attempts as usize).map(wait).sum();
    let next = wait(attempts as usize);
    (waited + next <= GIVE_UP_AFTER).then(|| Duration::from_secs(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_is_an_http_url_with_a_host_and_some_events() {
        let events = [
            "asset.deleted".to_owned(),
            "asset.created".to_owned(),
            "asset.created".to_owned(),
        ];
        let endpoint = NewWebhookEndpoint::parse(" https://shop.example/hooks/damson ", &events).unwrap();
        assert_eq!(endpoint.url, "https://shop.example/hooks/damson");
        assert_eq!(
            endpoint.events,
            [WebhookEvent::AssetCreated, WebhookEvent::AssetDeleted]
        );
        let created = ["asset.created".to_owned()];
        for (url, why) in [
            ("ftp://shop.example/", "https://"),
            ("https:///hooks", "no host"),
            ("https://user:pw@shop.example/", "password"),
            ("https://shop.example/hooks\u{0}", "control characters"),
            ("https://shop example/", "spaces"),
        ] {
            let error = NewWebhookEndpoint::parse(url, &created).unwrap_err().to_string();
            assert!(error.contains(why), "{url}: {error}");
        }
        assert!(NewWebhookEndpoint::parse("https://shop.example/", &[]).is_err());
        assert!(NewWebhookEndpoint::parse("https://shop.example/", &["asset.eaten".to_owned()]).is_err());
    }

    #[test]
    fn a_failed_delivery_is_tried_again_on_the_schedule_for_three_days() {
        let waits: Vec<u64> = (0..12).map_while(retry_after).map(|wait| wait.as_secs()).collect();
        assert_eq!(waits, [0, 5, 300, 1800, 7200, 18_000, 36_000, 86_400, 86_400]);
        let total: u64 = waits.iter().sum();
        assert!(total <= 72 * 3600, "{total}");
    }
}
