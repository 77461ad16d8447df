use reqwest::{Client, StatusCode, header};
use serde_json::Value;

use crate::helpers::{TestApp, fixture, json};

/// The asset's public and static links, as paths on this server.
pub async fn links(app: &TestApp, client: &Client, id: i64) -> (String, String) {
    let response = app
        .post(client, "/api/view/copy_links", &[("asset_id", &id.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let links: Value = json(response).await;
    let path = |url: &str| {
        url.strip_prefix(&app.address)
            .expect("a link on this server")
            .to_owned()
    };
    (
        path(links["public"].as_str().unwrap()),
        path(links["static_link"].as_str().unwrap()),
    )
}

/// Someone on the internet: no cookies.
pub fn stranger() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn public_links_pin_their_version_and_static_links_follow_the_current_one() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "shoe.jpg", fixture("hopper.jpg")).await;
    app.set_availability(&admin, id, "public").await;
    let (pinned, current) = links(&app, &admin, id).await;
    assert!(
        pinned.starts_with("/public/") && pinned.ends_with("/shoe.jpg"),
        "{pinned}"
    );
    assert!(
        current.starts_with("/static/") && current.ends_with("/shoe.jpg"),
        "{current}"
    );
    assert_eq!(
        links(&app, &admin, id).await,
        (pinned.clone(), current.clone()),
        "links are stable"
    );

    let outside = stranger();
    let response = app.get(&outside, &pinned).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/jpeg");
    assert!(
        response.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert_eq!(response.bytes().await.unwrap(), fixture("hopper.jpg"));

    let new_version = app
        .upload_version(&admin, id, None, "shoe.png", fixture("hopper.png"))
        .await;
    assert_eq!(new_version.status(), StatusCode::OK);
    assert_eq!(
        app.get(&outside, &pinned).await.bytes().await.unwrap(),
        fixture("hopper.jpg")
    );
    let following = app.get(&outside, &current).await;
    assert!(
        following.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("max-age=60")
    );
    assert_eq!(following.bytes().await.unwrap(), fixture("hopper.png"));

    let card = app.card_when_rendered(&admin, id).await;
    assert_eq!(card["thumbnail"]["state"], "ready");
    let thumbnail = app.get(&outside, &format!("{current}?rendition=thumbnail")).await;
    assert_eq!(thumbnail.status(), StatusCode::OK);
    assert_eq!(thumbnail.headers()[header::CONTENT_TYPE], "image/jpeg");
}

#[tokio::test]
async fn links_answer_the_same_404_for_anything_not_public() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "bag.jpg", fixture("hopper.jpg")).await;
    app.set_availability(&admin, id, "public").await;
    let (pinned, current) = links(&app, &admin, id).await;
    let outside = stranger();
    let answer = |path: String| {
        let (app, outside) = (&app, &outside);
        async move {
            let response = app.get(outside, &path).await;
            (response.status(), response.text().await.unwrap())
        }
    };
    let unknown = answer("/static/00000000000000000000000000000000/bag.jpg".to_owned()).await;
    assert_eq!(unknown.0, StatusCode::NOT_FOUND);
    for availability in ["automatic", "internal"] {
        app.set_availability(&admin, id, availability).await;
        assert_eq!(answer(pinned.clone()).await, unknown, "{availability}");
        assert_eq!(answer(current.clone()).await, unknown, "{availability}");
    }
    let refused = app
        .post(&admin, "/api/view/copy_links", &[("asset_id", &id.to_string())])
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(
        crate::helpers::error_text(refused)
            .await
            .contains("Internal: never published"),
        "the refusal says why"
    );
    assert_eq!(
        app.post(&admin, "/api/manage/delete_asset", &[("asset_id", &id.to_string())])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(answer(pinned).await, unknown, "deleted");
    assert_eq!(answer(current).await, unknown, "deleted");
}

#[tokio::test]
async fn the_grid_the_details_and_the_links_agree_on_what_is_published() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.upload_id(&admin, "belt.jpg", fixture("hopper.jpg")).await;
    for (availability, published) in [("automatic", false), ("public", true), ("internal", false)] {
        app.set_availability(&admin, id, availability).await;
        let card = app.cards(&admin, &[id]).await.remove(0);
        let asset = json(app.get(&admin, &format!("/api/view/get_asset?asset_id={id}")).await).await;
        assert_eq!(card["publication"], asset["publication"], "{availability}");
        assert_eq!(card["publication"]["availability"], availability);
        let links = app
            .post(&admin, "/api/view/copy_links", &[("asset_id", &id.to_string())])
            .await
            .status();
        assert_eq!(links == StatusCode::OK, published, "{availability}: copy links {links}");
        let page = app.get(&admin, &format!("/assets/{id}")).await.text().await.unwrap();
        let said = if published {
            "Public: published"
        } else {
            "never published"
        };
        let said = if availability == "automatic" {
            "Automatic: not published (no published product)"
        } else {
            said
        };
        assert!(page.contains(said), "{availability}: the Details tab says {said:?}");
    }
}

#[tokio::test]
async fn ranges_head_and_conditional_requests() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let photo = fixture("photo-fallenleaf-2560x1600.jpg");
    let id = app.upload_id(&admin, "leaf.jpg", photo.clone()).await;
    app.set_availability(&admin, id, "public").await;
    let (pinned, _) = links(&app, &admin, id).await;
    let outside = stranger();
    let url = app.url(&pinned);

    let head = outside.head(&url).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(head.headers()[header::CONTENT_LENGTH], photo.len().to_string().as_str());
    assert_eq!(head.headers()[header::ACCEPT_RANGES], "bytes");
    let etag = head.headers()[header::ETAG].clone();
    assert!(head.bytes().await.unwrap().is_empty());

    let part = outside
        .get(&url)
        .header(header::RANGE, "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers()[header::CONTENT_RANGE],
        format!("bytes 100-199/{}", photo.len()).as_str()
    );
    assert_eq!(part.bytes().await.unwrap(), photo[100..200]);
    let tail = outside
        .get(&url)
        .header(header::RANGE, "bytes=-10")
        .send()
        .await
        .unwrap();
    assert_eq!(tail.bytes().await.unwrap(), photo[photo.len() - 10..]);

    let beyond = format!("bytes={}-", photo.len());
    let unsatisfiable = outside.get(&url).header(header::RANGE, beyond).send().await.unwrap();
    assert_eq!(unsatisfiable.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        unsatisfiable.headers()[header::CONTENT_RANGE],
        format!("bytes */{}", photo.len()).as_str()
    );

    let cached = outside
        .get(&url)
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(cached.headers()[header::ETAG], etag);
    assert!(cached.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_resumed_download_of_a_static_link_after_a_new_version_gets_the_whole_new_file() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = fixture("photo-fallenleaf-2560x1600.jpg");
    let id = app.upload_id(&admin, "leaf.jpg", first.clone()).await;
    app.set_availability(&admin, id, "public").await;
    let (_, following) = links(&app, &admin, id).await;
    let outside = stranger();
    let url = app.url(&following);
    let started = outside
        .get(&url)
        .header(header::RANGE, "bytes=0-999")
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), StatusCode::PARTIAL_CONTENT);
    let old_etag = started.headers()[header::ETAG].clone();
    assert_eq!(started.bytes().await.unwrap(), first[..1000]);

    let second = fixture("hopper.jpg");
    assert_eq!(
        app.upload(&admin, "leaf.jpg", second.clone()).await.status(),
        StatusCode::OK
    );
    let resumed = outside
        .get(&url)
        .header(header::RANGE, "bytes=1000-")
        .header(header::IF_RANGE, old_etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resumed.status(), StatusCode::OK, "not the rest of another file");
    assert_ne!(resumed.headers()[header::ETAG], old_etag);
    assert_eq!(resumed.bytes().await.unwrap(), second);

    // While the file is the same, the resumed range is honoured.
    let etag = outside.head(&url).send().await.unwrap().headers()[header::ETAG].clone();
    let same = outside
        .get(&url)
        .header(header::RANGE, "bytes=10-19")
        .header(header::IF_RANGE, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(same.bytes().await.unwrap(), second[10..20]);
}

#[tokio::test]
async fn uploaded_pages_and_svg_are_attachments_never_shown_on_our_origin() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec();
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec();
    for (name, body, mime) in [("logo.svg", svg, "image/svg+xml"), ("page.html", html, "text/html")] {
        let id = app.upload_id(&admin, name, body).await;
        app.set_availability(&admin, id, "public").await;
        let (pinned, current) = links(&app, &admin, id).await;
        for path in [pinned, current] {
            let response = app.get(&stranger(), &path).await;
            assert_eq!(response.status(), StatusCode::OK);
            let headers = response.headers();
            assert_eq!(headers[header::CONTENT_TYPE], mime);
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
            assert!(
                disposition.starts_with("attachment") && disposition.contains(name),
                "{disposition}"
            );
        }
    }
}
