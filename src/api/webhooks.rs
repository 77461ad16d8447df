//! The Webhooks page's server functions (`/api/integrations`: System admins): endpoints, their
//! test events and their delivery log.

mod change_webhook;
mod create_webhook;
mod delete_webhook;
mod list_webhooks;
mod resend_webhook;
mod send_test_webhook;
mod set_webhook_enabled;
mod webhook_log;

pub use change_webhook::{ChangeWebhook, change_webhook};
pub use create_webhook::{CreateWebhook, create_webhook};
pub use delete_webhook::{DeleteWebhook, delete_webhook};
pub use list_webhooks::{ListWebhooks, list_webhooks};
pub use resend_webhook::{ResendWebhook, resend_webhook};
pub use send_test_webhook::{SendTestWebhook, send_test_webhook};
pub use set_webhook_enabled::{SetWebhookEnabled, set_webhook_enabled};
pub use webhook_log::{WebhookLog, webhook_log};
