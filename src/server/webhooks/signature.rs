//! Standard Webhooks v1 signing: an endpoint's secret is `whsec_` and the base64 of random bytes;
//! each delivery carries `webhook-id` (the same on every retry), `webhook-timestamp` (Unix
//! seconds) and `webhook-signature`: `v1,` and the base64 of the HMAC-SHA256, under the secret's
//! bytes, of `id.timestamp.body`.

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::domain::AppError;

const PREFIX: &str = "whsec_";
/// 24 bytes: 192 bits, within the specification's 24 to 64.
const SECRET_BYTES: usize = 24;

/// An endpoint's signing secret.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(Vec<u8>);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

impl WebhookSecret {
    /// A new random secret.
    ///
    /// # Errors
    /// No randomness.
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut bytes = vec![0; SECRET_BYTES];
        getrandom::fill(&mut bytes)?;
        Ok(WebhookSecret(bytes))
    }

    /// A secret as shown and kept: `whsec_` and base64.
    ///
    /// # Errors
    /// `Validation` for text that is not one.
    pub fn parse(text: &str) -> Result<Self, AppError> {
        text.strip_prefix(PREFIX)
            .and_then(|encoded| STANDARD.decode(encoded).ok())
            .filter(|bytes| (SECRET_BYTES..=64).contains(&bytes.len()))
            .map(WebhookSecret)
            .ok_or_else(|| AppError::Validation("A webhook secret is whsec_ and the base64 of 24 to 64 bytes.".into()))
    }

    /// As shown once to the endpoint's owner, and kept.
    pub fn shown(&self) -> String {
        format!("{PREFIX}{}", STANDARD.encode(&self.0))
    }

    /// The `webhook-signature` of a delivery.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        // HMAC takes a key of any length.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_as_the_specifications_example_and_its_reference_library_checks() {
        // The example of the Standard Webhooks specification.
        let secret = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let signature = secret.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        // A new secret, checked by an independent implementation.
        let secret = WebhookSecret::generate().unwrap();
        let body = br#"{"type":"asset.created","data":{"id":7}}"#;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let mut headers = http::HeaderMap::new();
        headers.insert("webhook-id", "msg_7".parse().unwrap());
        headers.insert("webhook-timestamp", now.to_string().parse().unwrap());
        headers.insert("webhook-signature", secret.sign("msg_7", now, body).parse().unwrap());
        let checker = standardwebhooks::Webhook::new(&secret.shown()).unwrap();
        checker
            .verify(body, &headers)
            .expect("the reference library accepts the signature");
        let mut tampered = body.to_vec();
        tampered[10] ^= 1;
        assert!(checker.verify(&tampered, &headers).is_err());
    }

    #[test]
    fn only_a_whsec_secret_of_24_to_64_bytes_is_read() {
        let secret = WebhookSecret::generate().unwrap();
        assert_eq!(WebhookSecret::parse(&secret.shown()).unwrap(), secret);
        for text in ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_short", "whsec_!!!", ""] {
            assert!(WebhookSecret::parse(text).is_err(), "{text}");
        }
    }
}
