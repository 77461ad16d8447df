//! Webhooks: damson tells other programs what changed, by an HTTP POST to their endpoints, signed
//! as the Standard Webhooks specification (v1) says so that any of its libraries can check it, and
//! sent only to addresses on the public internet unless configured otherwise.

pub mod signature;
pub mod target;
