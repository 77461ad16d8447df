//! A webhook receiver on 127.0.0.1 for the tests: it keeps every delivery as it came and answers
//! as told, and checks deliveries with an independent implementation of Standard Webhooks.

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::Duration,
};

/// One delivery as it arrived.
#[derive(Clone, Debug)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Bytes,
    /// When it arrived, by the wall clock (the message's `timestamp` is damson's).
    #[allow(dead_code, reason = "the benchmark measures with it, the tests do not")]
    pub arrived: std::time::SystemTime,
}

impl Received {
    pub fn webhook_id(&self) -> String {
        self.headers["webhook-id"].to_str().unwrap().to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    /// Panics unless the `standardwebhooks` crate accepts it as signed with `secret`.
    pub fn verify(&self, secret: &str) {
        standardwebhooks::Webhook::new(secret)
            .unwrap()
            .verify(&self.body, &self.headers)
            .unwrap_or_else(|e| panic!("the signature of {:?} does not verify: {e:?}", self.json()));
    }
}

/// How the receiver answers one delivery.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<u64>,
    /// How long it waits before answering.
    pub delay: Duration,
}

impl Answer {
    pub fn status(status: u16) -> Answer {
        Answer {
            status,
            retry_after: None,
            delay: Duration::ZERO,
        }
    }
}

#[derive(Clone, Default)]
struct Shared {
    received: Arc<Mutex<Vec<Received>>>,
    /// The answers to give in turn; 200 once they run out.
    script: Arc<Mutex<VecDeque<Answer>>>,
}

pub struct Receiver {
    pub url: String,
    shared: Shared,
}

impl Receiver {
    /// Starts a receiver that gives `script`'s answers in turn, then 200.
    pub async fn start(script: Vec<Answer>) -> Receiver {
        let shared = Shared {
            script: Arc::new(Mutex::new(script.into())),
            ..Shared::default()
        };
        let app = Router::new().route("/hook", post(take)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Receiver { url, shared }
    }

    /// Every delivery so far, in the order they came.
    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// How many deliveries came so far.
    #[allow(dead_code, reason = "the benchmark counts, the tests read")]
    pub fn count(&self) -> usize {
        self.shared.received.lock().unwrap().len()
    }
}

async fn take(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> (StatusCode, HeaderMap, &'static str) {
    let arrived = std::time::SystemTime::now();
    shared
        .received
        .lock()
        .unwrap()
        .push(Received { headers, body, arrived });
    let answer = shared.script.lock().unwrap().pop_front().unwrap_or(Answer::status(200));
    tokio::time::sleep(answer.delay).await;
    let mut headers = HeaderMap::new();
    if let Some(seconds) = answer.retry_after {
        headers.insert("retry-after", seconds.to_string().parse().unwrap());
    }
    (StatusCode::from_u16(answer.status).unwrap(), headers, "taken")
}
