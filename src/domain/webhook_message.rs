//! What a webhook message says: thin on purpose (ids, code, links, version number), so that a
//! receiver reads the rest through the API as it is when it reads it.

use serde_json::json;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::{AssetId, WebhookEndpointId, WebhookEvent, paths::api_v1, webhook::TEST_EVENT};

/// One thing to tell the endpoints that want it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// Created, updated, version added, deleted, published or unpublished.
    Asset {
        event: WebhookEvent,
        id: AssetId,
        code: String,
        /// The current version's number; `None` for a deleted asset.
        version: Option<u32>,
    },
    ProductAssetsChanged {
        number: String,
    },
    ImportFinished {
        import_id: i64,
    },
    /// "Send test event": to one endpoint, whatever it subscribed to.
    Test {
        endpoint: WebhookEndpointId,
    },
}

impl Announcement {
    /// The event as a delivery's `type` names it.
    pub fn event_code(&self) -> &'static str {
        match self {
            Announcement::Asset { event, .. } => event.code(),
            Announcement::ProductAssetsChanged { .. } => WebhookEvent::ProductAssetsChanged.code(),
            Announcement::ImportFinished { .. } => WebhookEvent::ImportFinished.code(),
            Announcement::Test { .. } => TEST_EVENT,
        }
    }

    /// The event endpoints subscribe to; `None` for a test.
    pub fn event(&self) -> Option<WebhookEvent> {
        match self {
            Announcement::Asset { event, .. } => Some(*event),
            Announcement::ProductAssetsChanged { .. } => Some(WebhookEvent::ProductAssetsChanged),
            Announcement::ImportFinished { .. } => Some(WebhookEvent::ImportFinished),
            Announcement::Test { .. } => None,
        }
    }

    /// The message's JSON as the Standard Webhooks specification shapes it: `type`, `timestamp`
    /// (when it happened) and `data`.
    pub fn body(&self, at: OffsetDateTime) -> String {
        let data = match self {
            Announcement::Asset { id, code, version, .. } => {
                let mut data = json!({ "id": id.0, "code": code, "links": { "self": api_v1::asset(*id) } });
                if let Some(version) = version {
                    data["version"] = json!(version);
                }
                data
            }
            Announcement::ProductAssetsChanged { number } => {
                json!({ "number": number, "links": { "assets": api_v1::product_assets(number) } })
            }
            Announcement::ImportFinished { import_id } => {
                json!({ "id": import_id, "links": { "self": api_v1::import(*import_id) } })
            }
            Announcement::Test { endpoint } => json!({ "endpoint": endpoint.0 }),
        };
        let timestamp = at.format(&Rfc3339).unwrap_or_default();
        json!({ "type": self.event_code(), "timestamp": timestamp, "data": data }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_names_what_changed_and_where_to_read_it() {
        let at = OffsetDateTime::from_unix_timestamp(1_765_000_000).unwrap();
        let created = Announcement::Asset {
            event: WebhookEvent::AssetVersionAdded,
            id: AssetId(7),
            code: "shoe_red".into(),
            version: Some(3),
        };
        let body: serde_json::Value = serde_json::from_str(&created.body(at)).unwrap();
        assert_eq!(
            body,
            json!({
                "type": "asset.version_added",
                "timestamp": "2025-12-06T05:46:40Z",
                "data": { "id": 7, "code": "shoe_red", "version": 3, "links": { "self": "/api/v1/assets/7" } }
            })
        );
        let product = Announcement::ProductAssetsChanged {
            number: "SKU 1/2".into(),
        };
        assert!(
            product.body(at).contains("/api/v1/products/SKU%201%2F2/assets"),
            "{}",
            product.body(at)
        );
        assert_eq!(
            Announcement::Test {
                endpoint: WebhookEndpointId(1)
            }
            .event(),
            None
        );
    }
}
