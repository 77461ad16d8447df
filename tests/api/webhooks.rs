//! Webhooks as a receiver sees them: signed deliveries of what changed, retried under one
//! `webhook-id`, publication told from the one rule, refused for private addresses unless allowed,
//! and delivered by another instance when one dies mid-delivery.

use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::time::Duration;

use crate::helpers::{ADMIN_PASSWORD, TestApp, eventually, fixture, json};
use crate::webhook_receiver::{Answer, Receiver};

const PRIVATE_TARGETS: (&str, &str) = ("DAMSON_WEBHOOK_PRIVATE_TARGETS", "true");

/// Adds an endpoint for `events`; its id and secret.
async fn add_endpoint(app: &TestApp, admin: &Client, url: &str, events: &[&str]) -> (i64, String) {
    let mut form = vec![("url", url)];
    form.extend(events.iter().map(|event| ("events[]", *event)));
    let response = app.post(admin, "/api/integrations/create_webhook", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let created = json(response).await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{secret}");
    (created["endpoint"]["id"].as_i64().unwrap(), secret)
}

async fn log(app: &TestApp, admin: &Client, endpoint: i64) -> Vec<Value> {
    let response = app
        .get(admin, &format!("/api/integrations/webhook_log?endpoint_id={endpoint}"))
        .await;
    json(response).await.as_array().unwrap().clone()
}

/// Waits until the receiver has `count` deliveries.
async fn deliveries(receiver: &Receiver, count: usize) -> Vec<crate::webhook_receiver::Received> {
    eventually(&format!("{count} deliveries"), || async {
        let received = receiver.received();
        (received.len() >= count).then_some(received)
    })
    .await
}

#[tokio::test]
async fn a_delivery_refused_twice_is_tried_again_with_one_id_and_verifies() {
    let app = TestApp::spawn_with(&[PRIVATE_TARGETS]).await;
    let admin = app.admin().await;
    let refuse = Answer {
        retry_after: Some(1),
        ..Answer::status(500)
    };
    let receiver = Receiver::start(vec![refuse.clone(), refuse]).await;
    let (endpoint, secret) = add_endpoint(&app, &admin, &receiver.url, &["asset.created"]).await;

    let id = app.upload_id(&admin, "belt_red.jpg", fixture("hopper.jpg")).await;

    let received = deliveries(&receiver, 3).await;
    assert_eq!(received.len(), 3, "one message, three attempts");
    for delivery in &received {
        delivery.verify(&secret);
        assert_eq!(delivery.webhook_id(), received[0].webhook_id());
    }
    let message = received[0].json();
    assert_eq!(message["type"], "asset.created");
    assert_eq!(message["data"]["id"], id);
    assert_eq!(message["data"]["code"], "belt_red");
    assert_eq!(message["data"]["version"], 1);
    assert_eq!(message["data"]["links"]["self"], format!("/api/v1/assets/{id}"));

    let attempts = eventually("the third attempt is logged", || async {
        let attempts = log(&app, &admin, endpoint).await;
        (attempts.len() == 3).then_some(attempts)
    })
    .await;
    let statuses: Vec<&Value> = attempts.iter().map(|attempt| &attempt["status"]).collect();
    assert_eq!(statuses, [200, 500, 500], "newest first");
    assert_eq!(attempts[0]["answer"], "taken");
    // Nothing more comes: the delivery is done.
    let test = app
        .post(
            &admin,
            "/api/integrations/send_test_webhook",
            &[("endpoint_id", &endpoint.to_string())],
        )
        .await;
    assert_eq!(test.status(), StatusCode::OK);
    let received = deliveries(&receiver, 4).await;
    assert_eq!(received.len(), 4);
    assert_eq!(received[3].json()["type"], "webhook.test");
    received[3].verify(&secret);
}

#[tokio::test]
async fn each_change_of_publication_is_told_once_whatever_caused_it() {
    let app = TestApp::spawn_with(&[PRIVATE_TARGETS]).await;
    let admin = app.admin().await;
    let receiver = Receiver::start(Vec::new()).await;
    let events = ["asset.published", "asset.unpublished", "product.assets_changed"];
    add_endpoint(&app, &admin, &receiver.url, &events).await;
    let id = app.upload_id(&admin, "strap.jpg", fixture("hopper.jpg")).await;
    let product = json(
        app.post(
            &admin,
            "/api/catalog/save_product",
            &[("number", "STRAP-1"), ("name", "Strap"), ("description", "")],
        )
        .await,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let status = |status: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let form = [("product_id", product.to_string()), ("status", status.to_owned())];
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.post(admin, "/api/catalog/set_product_status", &form).await;
            assert_eq!(response.status(), StatusCode::OK);
        }
    };

    app.set_availability(&admin, id, "public").await;
    app.set_availability(&admin, id, "internal").await;
    app.set_availability(&admin, id, "automatic").await; // still not published: no product
    status("published").await; // no asset linked yet: nothing changes
    let linked = app
        .post(
            &admin,
            "/api/manage/change_asset_products",
            &[
                ("asset_id", &id.to_string()),
                ("assign", &product.to_string()),
                ("unassign", ""),
            ],
        )
        .await;
    assert_eq!(linked.status(), StatusCode::OK);
    status("draft").await;

    let received = deliveries(&receiver, 5).await;
    let told: Vec<String> = received
        .iter()
        .map(|delivery| {
            let message = delivery.json();
            format!(
                "{} {}",
                message["type"].as_str().unwrap(),
                message["data"]["code"]
                    .as_str()
                    .or(message["data"]["number"].as_str())
                    .unwrap()
            )
        })
        .collect();
    assert_eq!(
        told,
        [
            "asset.published strap",
            "asset.unpublished strap",
            "asset.published strap",
            "product.assets_changed STRAP-1",
            "asset.unpublished strap",
        ]
    );
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed_and_410_disables_the_endpoint() {
    let strict = TestApp::spawn().await;
    let admin = strict.admin().await;
    let receiver = Receiver::start(Vec::new()).await;
    let (endpoint, _) = add_endpoint(&strict, &admin, &receiver.url, &["asset.created"]).await;
    strict.upload_id(&admin, "bag.jpg", fixture("hopper.jpg")).await;
    let attempt = eventually("the refusal is logged", || async {
        log(&strict, &admin, endpoint).await.into_iter().next()
    })
    .await;
    assert!(attempt["status"].is_null(), "{attempt}");
    let error = attempt["error"].as_str().unwrap();
    assert!(error.contains("127.0.0.1 is not on the public internet"), "{error}");
    assert!(receiver.received().is_empty());

    let allowed = TestApp::spawn_with(&[PRIVATE_TARGETS]).await;
    let admin = allowed.admin().await;
    let gone = Receiver::start(vec![Answer::status(410)]).await;
    let (endpoint, _) = add_endpoint(&allowed, &admin, &gone.url, &["asset.created"]).await;
    allowed.upload_id(&admin, "bag.jpg", fixture("hopper.jpg")).await;
    let disabled = eventually("the endpoint is disabled", || async {
        let list = json(allowed.get(&admin, "/api/integrations/list_webhooks").await).await;
        let endpoint = list
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == endpoint)
            .cloned()
            .unwrap();
        (endpoint["enabled"] == false).then_some(endpoint)
    })
    .await;
    let reason = disabled["disabled_reason"].as_str().unwrap();
    assert!(reason.contains("410 Gone"), "{reason}");
    // Later changes are not sent to it; a test event still is, and comes after them.
    allowed.upload_id(&admin, "bag_2.jpg", fixture("hopper.jpg")).await;
    let test = allowed
        .post(
            &admin,
            "/api/integrations/send_test_webhook",
            &[("endpoint_id", &endpoint.to_string())],
        )
        .await;
    assert_eq!(test.status(), StatusCode::OK);
    let received = deliveries(&gone, 2).await;
    let types: Vec<Value> = received
        .iter()
        .map(|delivery| delivery.json()["type"].clone())
        .collect();
    assert_eq!(types, ["asset.created", "webhook.test"]);
}

#[tokio::test]
async fn only_system_admins_keep_webhooks() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.create_user(&admin, "pim_admin", "pim_admin", ADMIN_PASSWORD).await;
    let pim_admin = app.signed_in("pim_admin", ADMIN_PASSWORD).await;
    let list = app.get(&pim_admin, "/api/integrations/list_webhooks").await;
    assert_eq!(list.status(), StatusCode::FORBIDDEN);
    for (who, url, answer) in [
        (&pim_admin, "https://shop.example/hooks", StatusCode::FORBIDDEN),
        (&admin, "ftp://shop.example/hooks", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let form = [("url", url), ("events[]", "asset.created")];
        let create = app.post(who, "/api/integrations/create_webhook", &form).await;
        assert_eq!(create.status(), answer, "{url}");
    }
}

#[tokio::test]
async fn every_message_arrives_under_one_id_when_an_instance_dies_mid_delivery() {
    let env = [PRIVATE_TARGETS, ("DAMSON_JOB_LEASE", "1s")];
    let doomed = TestApp::spawn_with(&env).await;
    let admin = doomed.admin().await;
    // The first delivery hangs long enough for its instance to be killed while it waits.
    let hang = Answer {
        delay: Duration::from_secs(5),
        ..Answer::status(200)
    };
    let receiver = Receiver::start(vec![hang]).await;
    let (_, secret) = add_endpoint(&doomed, &admin, &receiver.url, &["asset.created"]).await;
    let codes = ["cap_1", "cap_2", "cap_3", "cap_4"];
    for code in codes {
        doomed
            .upload_id(&admin, &format!("{code}.jpg"), fixture("hopper.jpg"))
            .await;
    }
    deliveries(&receiver, 1).await;
    let survivor = doomed.spawn_beside(&env).await;
    doomed.kill().await;

    // The first delivery reached the receiver but its answer never reached damson: it comes again.
    let received = eventually("every message arrives, the cut one again", || async {
        let received = receiver.received();
        let code = |delivery: &crate::webhook_receiver::Received| delivery.json()["data"]["code"].clone();
        let cut = code(&received[0]);
        let resent = received.iter().filter(|delivery| code(delivery) == cut).count() >= 2;
        let mut arrived: Vec<String> = received.iter().map(|d| code(d).as_str().unwrap().to_owned()).collect();
        arrived.sort();
        arrived.dedup();
        (resent && arrived == codes).then_some(received)
    })
    .await;
    for code in codes {
        let ids: std::collections::BTreeSet<String> = received
            .iter()
            .filter(|delivery| delivery.json()["data"]["code"] == code)
            .inspect(|delivery| delivery.verify(&secret))
            .map(|delivery| delivery.webhook_id())
            .collect();
        assert_eq!(ids.len(), 1, "{code}: {ids:?}");
    }
    drop(survivor);
}

#[tokio::test]
async fn a_program_keeps_endpoints_through_the_api_as_the_page_does() {
    use crate::api_tokens::{api, secret};
    use reqwest::Method;
    let app = TestApp::spawn_with(&[PRIVATE_TARGETS]).await;
    let admin = app.admin().await;
    let token = secret(&app, &admin, &["webhooks:manage"]).await;
    let receiver = Receiver::start(Vec::new()).await;

    let created = api(&app, &token, Method::POST, "/api/v1/webhooks")
        .json(&serde_json::json!({ "url": receiver.url, "events": ["asset.deleted"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let created = created.json::<Value>().await.unwrap();
    let webhook_secret = created["secret"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/webhooks/{}", created["endpoint"]["id"]));

    let changed = api(&app, &token, Method::PATCH, &location)
        .json(&serde_json::json!({ "events": ["asset.created", "asset.deleted"], "enabled": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let changed = changed.json::<Value>().await.unwrap();
    assert_eq!(changed["events"], serde_json::json!(["asset.created", "asset.deleted"]));
    assert_eq!(changed["enabled"], false);

    let test = api(&app, &token, Method::POST, &format!("{location}/test"))
        .send()
        .await
        .unwrap();
    assert_eq!(test.status(), StatusCode::ACCEPTED);
    let first = deliveries(&receiver, 1).await.remove(0);
    first.verify(&webhook_secret);
    assert_eq!(first.json()["type"], "webhook.test");
    let attempts = eventually("the test is logged", || async {
        let log = api(&app, &token, Method::GET, &format!("{location}/attempts"))
            .send()
            .await
            .unwrap();
        let log = log.json::<Value>().await.unwrap();
        (log.as_array().unwrap().len() == 1).then_some(log)
    })
    .await;
    assert_eq!(attempts[0]["status"], 200);
    let delivery = &attempts[0]["delivery"];
    let resent = api(
        &app,
        &token,
        Method::POST,
        &format!("{location}/deliveries/{delivery}/resend"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resent.status(), StatusCode::ACCEPTED);
    let again = deliveries(&receiver, 2).await.remove(1);
    assert_eq!(
        again.webhook_id(),
        first.webhook_id(),
        "a resend keeps the message's id"
    );

    let removed = api(&app, &token, Method::DELETE, &location).send().await.unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let gone = api(&app, &token, Method::GET, &location).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_bulk_link_tells_of_its_product_once() {
    let app = TestApp::spawn_with(&[PRIVATE_TARGETS]).await;
    let admin = app.admin().await;
    let receiver = Receiver::start(Vec::new()).await;
    let (endpoint, _) = add_endpoint(&app, &admin, &receiver.url, &["product.assets_changed"]).await;
    let mut ids = Vec::new();
    for name in ["lace_1.jpg", "lace_2.jpg", "lace_3.jpg"] {
        ids.push(app.upload_id(&admin, name, fixture("hopper.jpg")).await.to_string());
    }
    let form = [("number", "LACE-1"), ("name", "Lace"), ("description", "")];
    let product = json(app.post(&admin, "/api/catalog/save_product", &form).await).await["id"].to_string();
    let selection = format!("ids={}", ids.join(","));
    let form = [
        ("selection", selection.as_str()),
        ("action", "link_to_products"),
        ("value", product.as_str()),
    ];
    let linked = app.post(&admin, "/api/manage/start_bulk_change", &form).await;
    assert_eq!(linked.status(), StatusCode::OK);
    // A test event after it: once it has arrived, so has everything the change told.
    let test = [("endpoint_id", endpoint.to_string())];
    let test: Vec<(&str, &str)> = test.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post(&admin, "/api/integrations/send_test_webhook", &test)
            .await
            .status(),
        StatusCode::OK
    );
    let received = eventually("the test event arrives", || async {
        let received = receiver.received();
        received
            .iter()
            .any(|delivery| delivery.json()["type"] == "webhook.test")
            .then_some(received)
    })
    .await;
    let told: Vec<Value> = received
        .iter()
        .map(|delivery| delivery.json()["type"].clone())
        .collect();
    assert_eq!(told, ["product.assets_changed", "webhook.test"]);
    assert_eq!(received[0].json()["data"]["number"], "LACE-1");
}
