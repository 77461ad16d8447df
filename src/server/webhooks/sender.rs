//! The HTTP side of a delivery: one POST, signed, to an address on the public internet (checked on
//! the address the name resolves to now, so a name that moved inside is refused), no redirect
//! followed, 15 s at most, and the first 4 KB of the answer kept for the log.

use reqwest::{
    Client, Url,
    dns::{Addrs, Name, Resolve, Resolving},
    redirect::Policy,
};
use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
    time::{Duration, Instant},
};

use super::{signature::WebhookSecret, target::is_public};
use crate::domain::MAX_ANSWER_BYTES;

/// How long a delivery waits for its endpoint.
const TIMEOUT: Duration = Duration::from_secs(15);
/// The longest wait an endpoint's `Retry-After` is taken for.
const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// What came of one POST.
#[derive(Clone, Debug, Default)]
pub struct Sent {
    pub status: Option<u16>,
    pub answer: String,
    pub duration: Duration,
    /// The endpoint's `Retry-After`, in seconds.
    pub retry_after: Option<Duration>,
    /// Why no answer came.
    pub error: Option<String>,
}

impl Sent {
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| (200..300).contains(&status))
    }

    fn failed(error: impl Into<String>, started: Instant) -> Sent {
        Sent {
            error: Some(error.into()),
            duration: started.elapsed(),
            ..Sent::default()
        }
    }
}

/// Sends deliveries, one client (and its connections) for the instance.
#[derive(Clone, Debug)]
pub struct Sender {
    client: Client,
    private_targets: bool,
}

impl Sender {
    /// # Errors
    /// The TLS backend cannot start.
    pub fn new(private_targets: bool) -> Result<Sender, reqwest::Error> {
        let client = Client::builder()
            .redirect(Policy::none())
            .timeout(TIMEOUT)
            .user_agent(concat!("damson-webhooks/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(Resolver { private_targets }))
            .build()?;
        Ok(Sender {
            client,
            private_targets,
        })
    }

    /// POSTs `body` to `url` with the Standard Webhooks headers.
    pub async fn send(&self, url: &str, webhook_id: &str, secret: &WebhookSecret, body: String) -> Sent {
        let started = Instant::now();
        let url = match Url::parse(url) {
            Ok(url) => url,
            Err(error) => return Sent::failed(format!("The URL cannot be read: {error}."), started),
        };
        // A name is checked when it resolves; an address written in the URL, here.
        let literal = url
            .host_str()
            .map(|host| host.trim_start_matches('[').trim_end_matches(']'));
        if let Some(address) = literal.and_then(|host| host.parse::<IpAddr>().ok())
            && !self.private_targets
            && !is_public(address)
        {
            return Sent::failed(refusal(address), started);
        }
        let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
        let request = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", webhook_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", secret.sign(webhook_id, timestamp, body.as_bytes()))
            .body(body);
        let mut response = match request.send().await {
            Ok(response) => response,
            Err(error) => return Sent::failed(why_unsent(&error), started),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(|seconds| Duration::from_secs(seconds).min(LONGEST_RETRY_AFTER));
        let mut answer = Vec::new();
        while answer.len() < MAX_ANSWER_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => answer.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        answer.truncate(MAX_ANSWER_BYTES);
        Sent {
            status: Some(status),
            answer: String::from_utf8_lossy(&answer).into_owned(),
            duration: started.elapsed(),
            retry_after,
            error: None,
        }
    }
}

fn refusal(address: IpAddr) -> String {
    format!("Not sent: {address} is not on the public internet (loopback, private, link-local or reserved).")
}

/// The reason a person reads in the log, without the request's internals.
fn why_unsent(error: &reqwest::Error) -> String {
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        reason = format!("{reason}: {cause}");
        source = cause.source();
    }
    if error.is_timeout() {
        format!("No answer within {} s.", TIMEOUT.as_secs())
    } else {
        format!("Not delivered: {reason}")
    }
}

/// Resolves names to the addresses a delivery may go to: all of them when private targets are
/// allowed, else the public ones, and an error when none is.
#[derive(Debug)]
struct Resolver {
    private_targets: bool,
}

impl Resolve for Resolver {
    fn resolve(&self, name: Name) -> Resolving {
        let private_targets = self.private_targets;
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|address| private_targets || is_public(address.ip()))
                .collect();
            match (allowed.is_empty(), found.first()) {
                (false, _) => Ok(Box::new(allowed.into_iter()) as Addrs),
                (true, Some(first)) => Err(refusal(first.ip()).into()),
                (true, None) => Err(format!("{} resolves to no address.", name.as_str()).into()),
            }
        })
    }
}
