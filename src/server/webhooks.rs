//! Webhooks: damson tells other programs what changed, by an HTTP POST to their endpoints, signed
//! as the Standard Webhooks specification (v1) says so that any of its libraries can check it, and
//! sent only to addresses on the public internet unless configured otherwise. Each message is
//! written in the transaction of its change (`outbox`) and delivered by a job (`delivery`).

mod delivery;
pub mod endpoints;
pub mod outbox;
mod sender;
pub mod signature;
pub mod target;

pub use delivery::deliver;
pub use outbox::{announce, announce_assets, announce_products};
pub use sender::Sender;
