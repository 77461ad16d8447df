//! Webhook delivery at volume: 10,000 asset changes (name edits through the API, spread over two
//! instances) fanned out to two local endpoints, delivered by the job workers of both instances;
//! first at a steady 125 changes a second (250 deliveries), then as fast as the API takes them.
//! Prints deliveries a second (goal: at least 200), the median and 95th percentile from a change
//! (the message's `timestamp`, written in the change's transaction) to its arrival (goal: median
//! under 1 s), and checks that every message arrived at each endpoint exactly once.
//!
//! `cargo bench --features ssr --bench webhooks`. With `DAMSON_TEST_POSTGRES` and an S3 server
//! (`source scripts/services && start_postgres && start_s3` first): on those.

#[allow(dead_code)]
#[path = "../tests/api/helpers.rs"]
mod helpers;
#[path = "../tests/api/webhook_receiver.rs"]
mod webhook_receiver;

use futures_util::{StreamExt, stream};
use helpers::{TestApp, json};
use reqwest::{Client, StatusCode, header};
use std::{
    collections::HashMap,
    time::{Duration, Instant, SystemTime},
};
use time::format_description::well_known::Rfc3339;
use tokio::{sync::Mutex, time::Interval};
use webhook_receiver::Receiver;

const CHANGES: usize = 10_000;
/// Assets changed, each by one writer at a time (its `If-Match` is the answer before).
const ASSETS: usize = 50;

#[tokio::main]
async fn main() {
    let env = [
        ("DAMSON_WEBHOOK_PRIVATE_TARGETS", "true"),
        ("DAMSON_API_RATE_LIMIT", "100000000"),
        ("DAMSON_RENDITION_WORKERS", "4"),
    ];
    let one = TestApp::spawn_with(&env).await;
    let two = one.spawn_beside(&env).await;
    let admin = one.admin().await;
    let token = token(&one, &admin).await;
    let mut assets = Vec::with_capacity(ASSETS);
    for n in 0..ASSETS {
        assets.push(
            one.upload_id(&admin, &format!("hook-{n}.txt"), format!("asset {n}").into_bytes())
                .await,
        );
    }
    let database = if one.on_postgres() { "PostgreSQL" } else { "SQLite" };
    println!("webhooks ({database}, two instances of 4 workers, two endpoints each taking every change):");
    for pace in [Some(PACE), None] {
        let shop = Receiver::start(Vec::new()).await;
        let pim = Receiver::start(Vec::new()).await;
        let mut endpoints = Vec::new();
        for receiver in [&shop, &pim] {
            let form = [("url", receiver.url.as_str()), ("events[]", "asset.updated")];
            let created = json(one.post(&admin, "/api/integrations/create_webhook", &form).await).await;
            endpoints.push((
                created["endpoint"]["id"].as_i64().unwrap(),
                created["secret"].as_str().unwrap().to_owned(),
            ));
        }
        let figures = round(&one, &two, &token, &assets, &[&shop, &pim], &endpoints, pace).await;
        match pace {
            Some(pace) => println!("  {CHANGES} changes at {pace} a second (steady): {figures}"),
            None => println!("  {CHANGES} changes as fast as the API takes them (a burst; the queue grows): {figures}"),
        }
        for (id, _) in endpoints {
            let form = [("endpoint_id", id.to_string()), ("enabled", "false".to_owned())];
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(
                one.post(&admin, "/api/integrations/set_webhook_enabled", &form)
                    .await
                    .status(),
                StatusCode::OK
            );
        }
    }
    println!(
        "  goals: at least 200 deliveries a second, median change to delivery under 1000 ms; every message arrived once at each endpoint"
    );
}

/// Changes a second in the steady round: 250 deliveries a second to the two endpoints.
const PACE: u32 = 125;

/// Makes the changes (at `pace` a second, or as fast as they are taken), waits for every
/// delivery, checks each arrived once, and tells the figures.
async fn round(
    one: &TestApp,
    two: &TestApp,
    token: &str,
    assets: &[i64],
    receivers: &[&Receiver],
    endpoints: &[(i64, String)],
    pace: Option<u32>,
) -> String {
    let ticks = pace.map(|pace| Mutex::new(tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(pace)))));
    let started = Instant::now();
    let per_asset = CHANGES / assets.len();
    stream::iter(assets.iter().enumerate())
        .for_each_concurrent(assets.len(), |(n, &id)| {
            let app = if n % 2 == 0 { one } else { two };
            let ticks = ticks.as_ref();
            async move { change_often(app, token, id, per_asset, ticks).await }
        })
        .await;
    let changed = started.elapsed();
    let expected = per_asset * assets.len();
    let limit = Duration::from_secs(900);
    while receivers.iter().any(|receiver| receiver.count() < expected) && started.elapsed() < limit {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let delivered = started.elapsed();
    let mut latencies = Vec::with_capacity(2 * expected);
    for (receiver, (_, secret)) in receivers.iter().zip(endpoints) {
        let received = receiver.received();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for delivery in &received {
            *seen.entry(delivery.webhook_id()).or_default() += 1;
            let message = delivery.json();
            let at = time::OffsetDateTime::parse(message["timestamp"].as_str().unwrap(), &Rfc3339).unwrap();
            let written = SystemTime::UNIX_EPOCH + Duration::from_nanos(at.unix_timestamp_nanos() as u64);
            latencies.push(delivery.arrived.duration_since(written).unwrap_or_default());
        }
        received[0].verify(secret);
        assert_eq!(seen.len(), expected, "every message arrives");
        assert_eq!(
            seen.values().filter(|count| **count > 1).count(),
            0,
            "no message arrives twice"
        );
    }
    latencies.sort();
    let total = latencies.len();
    let ms = |at: usize| latencies[at].as_secs_f64() * 1000.0;
    format!(
        "made in {:.1} s, {total} deliveries in {:.1} s: {:.0} deliveries/s, change to delivery median {:.0} ms, 95th percentile {:.0} ms",
        changed.as_secs_f64(),
        delivered.as_secs_f64(),
        total as f64 / delivered.as_secs_f64(),
        ms(total / 2),
        ms(total * 95 / 100),
    )
}

/// Renames the asset `times` times, one after another, each with the ETag the last answer gave,
/// each on a tick when there are ticks.
async fn change_often(app: &TestApp, token: &str, id: i64, times: usize, ticks: Option<&Mutex<Interval>>) {
    let client = Client::new();
    let address = app.url(&format!("/api/v1/assets/{id}"));
    let mut etag = client.get(&address).bearer_auth(token).send().await.unwrap().headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    for n in 0..times {
        if let Some(ticks) = ticks {
            ticks.lock().await.tick().await;
        }
        let response = client
            .patch(&address)
            .bearer_auth(token)
            .header(header::IF_MATCH, &etag)
            .json(&serde_json::json!({ "name": format!("Renamed {n}") }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap());
        etag = response.headers()[header::ETAG].to_str().unwrap().to_owned();
    }
}

/// A token for the asset changes.
async fn token(app: &TestApp, admin: &Client) -> String {
    let form = [
        ("name", "bench"),
        ("lasts_days", "30"),
        ("scopes[]", "assets:read"),
        ("scopes[]", "assets:write"),
    ];
    let created = json(app.post(admin, "/api/view/create_api_token", &form).await).await;
    created["secret"].as_str().unwrap().to_owned()
}
