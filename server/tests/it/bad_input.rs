//! Every class of bad input gets a 4xx error envelope (with `field` where it applies), never a
//! 500, and leaves the stored data exactly as it was.

use segsync_api::types::*;
use serde_json::json;

use crate::support::{start, RawResponse};

#[tokio::test]
async fn bad_requests_are_4xx_envelopes_and_change_nothing() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let src = srv.javascript_source("web").await;
    let dmeta = cat.destination("webhooks");
    let dest = c
        .create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: dmeta.id.clone(),
            settings: Settings::new(),
            ..Default::default()
        })
        .await
        .expect("dest");
    let plan =
        c.create_tracking_plan(&CreateTrackingPlanInput { name: "p".into(), description: None, kind: "LIVE".into() }).await.expect("plan");
    let before = srv.snapshot().await;
    let raw = srv.http();
    let js = cat.source("javascript").id.clone();

    // (method, path, body, status, error type, field)
    type Case<'a> = (&'a str, String, String, u16, &'a str, Option<&'a str>);
    let cases: Vec<Case> = vec![
        // malformed JSON
        ("POST", "/sources".into(), "{\"slug\": ".into(), 400, "bad-request", None),
        ("PATCH", format!("/sources/{}", src.id), "not json".into(), 400, "bad-request", None),
        // wrong types
        (
            "POST",
            "/sources".into(),
            json!({"slug": 5, "enabled": true, "metadataId": js}).to_string(),
            422,
            "input-validation",
            Some("slug"),
        ),
        (
            "POST",
            "/sources".into(),
            json!({"slug": "x", "enabled": "yes", "metadataId": js}).to_string(),
            422,
            "input-validation",
            Some("enabled"),
        ),
        (
            "POST",
            "/sources".into(),
            json!({"slug": "x", "enabled": true, "metadataId": js, "settings": []}).to_string(),
            422,
            "input-validation",
            Some("settings"),
        ),
        (
            "PUT",
            format!("/tracking-plans/{}/rules", plan.id),
            json!({"rules": [{"type": "TRACK", "jsonSchema": {}, "version": "one"}]}).to_string(),
            422,
            "input-validation",
            Some("rules[0].version"),
        ),
        // missing required fields
        ("POST", "/sources".into(), json!({"slug": "x", "metadataId": js}).to_string(), 422, "input-validation", Some("enabled")),
        (
            "POST",
            "/destinations".into(),
            json!({"sourceId": src.id, "metadataId": dmeta.id}).to_string(),
            422,
            "input-validation",
            Some("settings"),
        ),
        ("POST", "/sources".into(), "[]".into(), 422, "input-validation", None),
        // unknown enum values
        ("POST", "/tracking-plans".into(), json!({"name": "p", "type": "live"}).to_string(), 422, "input-validation", Some("type")),
        (
            "POST",
            "/functions".into(),
            json!({"code": "x", "displayName": "f", "resourceType": "LAMBDA"}).to_string(),
            422,
            "input-validation",
            Some("resourceType"),
        ),
        (
            "POST",
            format!("/destination/{}/filters", dest.id),
            json!({"sourceId": src.id, "if": "true", "title": "t", "enabled": true, "actions": [{"type": "KEEP"}]}).to_string(),
            422,
            "input-validation",
            Some("actions[0].type"),
        ),
        (
            "POST",
            format!("/destination/{}/filters", dest.id),
            json!({"sourceId": src.id, "if": "true", "title": "t", "enabled": true, "actions": [{"type": "DROP", "path": "a"}]})
                .to_string(),
            422,
            "input-validation",
            Some("actions[0].path"),
        ),
        (
            "PUT",
            format!("/tracking-plans/{}/rules", plan.id),
            json!({"rules": [{"type": "CLICK", "jsonSchema": {}, "version": 1}]}).to_string(),
            422,
            "input-validation",
            Some("rules[0].type"),
        ),
        // unknown catalog ids
        (
            "POST",
            "/sources".into(),
            json!({"slug": "x", "enabled": true, "metadataId": "nope"}).to_string(),
            422,
            "input-validation",
            Some("metadataId"),
        ),
        (
            "POST",
            "/warehouses".into(),
            json!({"metadataId": "nope", "settings": {}}).to_string(),
            422,
            "input-validation",
            Some("metadataId"),
        ),
        // references to missing objects
        (
            "POST",
            "/destinations".into(),
            json!({"sourceId": "missing", "metadataId": dmeta.id, "settings": {}}).to_string(),
            404,
            "not-found",
            Some("sourceId"),
        ),
        (
            "POST",
            "/reverse-etl-models".into(),
            json!({"sourceId": "missing", "name": "m", "description": "", "enabled": true, "query": "q", "queryIdentifierColumn": "id"})
                .to_string(),
            404,
            "not-found",
            Some("sourceId"),
        ),
        (
            "PUT",
            format!("/sources/{}/labels", src.id),
            json!({"labels": [{"key": "no", "value": "such"}]}).to_string(),
            404,
            "not-found",
            Some("labels[0]"),
        ),
        ("PATCH", "/sources/missing".into(), json!({"enabled": false}).to_string(), 404, "not-found", None),
        ("DELETE", "/destinations/missing".into(), String::new(), 404, "not-found", None),
        ("POST", "/tracking-plans/tp_missing/sources".into(), json!({"sourceId": src.id}).to_string(), 404, "not-found", None),
        // lists over the limits
        (
            "PUT",
            format!("/sources/{}/labels", src.id),
            json!({"labels": (0..201).map(|i| json!({"key": "k", "value": format!("v{i}")})).collect::<Vec<_>>()}).to_string(),
            422,
            "input-validation",
            Some("labels"),
        ),
        (
            "PUT",
            format!("/tracking-plans/{}/rules", plan.id),
            json!({"rules": (0..2001).map(|_| json!({"type": "TRACK", "jsonSchema": {}, "version": 1})).collect::<Vec<_>>()}).to_string(),
            422,
            "input-validation",
            Some("rules"),
        ),
        // masked values on create
        (
            "POST",
            "/destinations".into(),
            json!({"sourceId": src.id, "metadataId": dmeta.id, "settings": {"sharedSecret": "••••abcd"}}).to_string(),
            422,
            "input-validation",
            Some("settings.sharedSecret"),
        ),
        // duplicates
        ("POST", "/sources".into(), json!({"slug": "web", "enabled": true, "metadataId": js}).to_string(), 409, "conflict", Some("slug")),
        // bad slugs
        (
            "POST",
            "/sources".into(),
            json!({"slug": "Has Spaces", "enabled": true, "metadataId": js}).to_string(),
            422,
            "input-validation",
            Some("slug"),
        ),
    ];
    for (method, path, body, status, kind, field) in &cases {
        let r = if body.is_empty() { raw.send(method, path, None, None).await } else { raw.json(method, path, body).await };
        assert!(r.status < 500, "{method} {path} gave {}", r.status);
        r.assert_error(*status, kind, *field);
    }

    // Garbage cursors and counts.
    raw.get("/sources?pagination.cursor=!!!").await.assert_error(400, "bad-request", Some("pagination.cursor"));
    raw.get("/sources?pagination[cursor]=bm9wZQ==").await.assert_error(400, "bad-request", Some("pagination.cursor"));
    raw.get("/sources?pagination.count=0").await.assert_error(422, "input-validation", Some("pagination.count"));
    raw.get("/sources?pagination[count]=abc").await.assert_error(422, "input-validation", Some("pagination.count"));
    raw.get("/audit-events?startTime=yesterday").await.assert_error(422, "input-validation", Some("startTime"));

    // Oversized bodies and wrong media types.
    let huge = json!({"slug": "x", "enabled": true, "metadataId": js, "settings": {"blob": "a".repeat(3 * 1024 * 1024)}}).to_string();
    raw.json("POST", "/sources", &huge).await.assert_error(413, "payload-too-large", None);
    raw.send("POST", "/sources", Some("slug=x"), Some("application/x-www-form-urlencoded")).await.assert_error(
        415,
        "unsupported-media-type",
        None,
    );

    // Unknown routes and methods.
    raw.get("/no/such/thing").await.assert_error(404, "not-found", None);
    raw.send("PUT", "/sources", Some("{}"), Some("application/json")).await.assert_error(405, "method-not-allowed", None);

    assert_eq!(srv.snapshot().await, before, "failed requests changed stored data");
    srv.stop().await;
}

#[tokio::test]
async fn vendor_media_types_are_accepted() {
    let srv = start().await;
    let raw = srv.http();
    let cat = srv.catalog().await;
    let body = json!({"slug": "alpha", "enabled": true, "metadataId": cat.source("go").id}).to_string();
    let r: RawResponse = raw.send("POST", "/sources", Some(&body), Some("application/vnd.segment.v1alpha+json")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.contains("json")));
    assert_eq!(r.body["data"]["source"]["slug"], "alpha");
    srv.stop().await;
}

#[tokio::test]
async fn tokens_are_checked_and_scoped() {
    let srv = start().await;
    let cat = srv.catalog().await;
    let mut raw = srv.http();
    raw.token = "sgs_nope.nope".into();
    raw.get("/sources").await.assert_error(401, "unauthorized", None);
    raw.token = format!("{}x", srv.admin_token);
    raw.get("/sources").await.assert_error(401, "unauthorized", None);
    let anon = reqwest::get(format!("{}/sources", srv.url)).await.expect("request");
    assert_eq!(anon.status(), 401);
    assert_eq!(reqwest::get(format!("{}/healthz", srv.url)).await.expect("health").status(), 200);

    let reader = srv.client_with(&srv.read_token);
    assert!(reader.list_sources().await.expect("reads work").is_empty());
    let before = srv.snapshot().await;
    let err = reader
        .create_source(&CreateSourceInput {
            slug: "x".into(),
            enabled: true,
            metadata_id: cat.source("go").id.clone(),
            ..Default::default()
        })
        .await
        .expect_err("read token");
    assert_eq!(err.status(), Some(403));
    assert!(!err.is_retryable());
    assert_eq!(srv.snapshot().await, before);
    srv.stop().await;
}
