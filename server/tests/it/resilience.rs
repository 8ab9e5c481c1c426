//! Faults, retries, idempotency keys, rate limits and concurrent writers.

use std::time::{Duration, Instant};

use segsync_api::types::*;
use segsync_api::{Client, Error, RetryPolicy, Token};
use segsync_server::Config;
use serde_json::json;

use crate::support::{fast_retry, start, start_with};

fn source_input(slug: &str, metadata_id: &str) -> CreateSourceInput {
    CreateSourceInput { slug: slug.into(), enabled: true, metadata_id: metadata_id.into(), ..Default::default() }
}

#[tokio::test]
async fn idempotent_creates_under_injected_faults_create_exactly_one_object() {
    // Idempotency keys are our extension: the twin honours them only with `--extensions`.
    let config = Config { faults: "503=0.25,429=0.1,503-after=0.25".parse().expect("faults"), extensions: true, ..Config::default() };
    let srv = start_with(config).await;
    let meta = srv.state.catalog.sources[0].id.clone();
    let c = Client::builder(&srv.url, Token::new(&srv.admin_token)).retry(fast_retry()).idempotency_keys(true).build().expect("client");
    for i in 0..25 {
        let s = c.create_source(&source_input(&format!("faulty-{i}"), &meta)).await.unwrap_or_else(|e| panic!("create {i}: {e}"));
        assert_eq!(s.slug, format!("faulty-{i}"));
    }
    let sources = c.list_sources().await.expect("list");
    assert_eq!(sources.len(), 25, "exactly one object per create");
    let (rows, events) = srv.snapshot().await;
    assert_eq!(rows.len(), 25);
    assert_eq!(events, 25, "one audit event per create");
    srv.stop().await;
}

#[tokio::test]
async fn creates_without_idempotency_keys_are_not_retried_on_5xx() {
    let srv = start_with(Config { faults: "503-after=1".parse().expect("faults"), ..Config::default() }).await;
    let meta = srv.state.catalog.sources[0].id.clone();
    let c = Client::builder(&srv.url, Token::new(&srv.admin_token)).retry(fast_retry()).idempotency_keys(false).build().expect("client");
    let err = c.create_source(&source_input("once", &meta)).await.expect_err("the response was lost");
    assert_eq!(err.status(), Some(503));
    assert!(matches!(err, Error::Api { .. }), "not retried: {err:?}");
    let (rows, _) = srv.snapshot().await;
    assert_eq!(rows.len(), 1, "the server did the work once; the client did not repeat it");
    srv.stop().await;
}

#[tokio::test]
async fn idempotency_key_replays_the_first_response() {
    let srv = start_with(Config { extensions: true, ..Config::default() }).await;
    let meta = srv.state.catalog.sources[0].id.clone();
    let http = reqwest::Client::new();
    let body = json!({ "slug": "idem", "enabled": true, "metadataId": meta }).to_string();
    let send = |body: String| {
        http.post(format!("{}/sources", srv.url))
            .bearer_auth(&srv.admin_token)
            .header("content-type", "application/json")
            .header("Idempotency-Key", "key-1")
            .body(body)
            .send()
    };
    let first = send(body.clone()).await.expect("first");
    assert_eq!(first.status(), 201);
    let first_body = first.text().await.expect("body");
    let again = send(body.clone()).await.expect("again");
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
    assert_eq!(again.text().await.expect("body"), first_body);
    let other = send(json!({ "slug": "other", "enabled": true, "metadataId": meta }).to_string()).await.expect("other");
    assert_eq!(other.status(), 422, "a key reused for another request is refused");
    assert_eq!(srv.client().list_sources().await.expect("list").len(), 1);
    srv.stop().await;
}

/// Without `--extensions` the twin answers as Segment's API: the Idempotency-Key header means
/// nothing (a repeated create is a second create) and there is no invite acceptance.
#[tokio::test]
async fn without_extensions_idempotency_keys_are_ignored_and_invites_cannot_be_accepted() {
    let srv = start().await;
    let http = reqwest::Client::new();
    let send = |key: &str| {
        http.post(format!("{}/labels", srv.url))
            .bearer_auth(&srv.admin_token)
            .header("content-type", "application/json")
            .header("Idempotency-Key", key)
            .body(json!({ "label": { "key": "team", "value": "web" } }).to_string())
            .send()
    };
    assert_eq!(send("k").await.expect("first").status(), 201);
    let again = send("k").await.expect("again");
    assert_eq!(again.status(), 409, "the repeat is a second create, refused as a duplicate");
    assert!(again.headers().get("idempotent-replayed").is_none());
    c_invite(&srv).await;
    let r = srv.http().json("POST", "/invites/ada@example.com/accept", "{}").await;
    assert_eq!(r.status, 404, "{:?}", r.body);
    let doc: serde_json::Value = reqwest::get(format!("{}/openapi.json", srv.url)).await.expect("doc").json().await.expect("json");
    assert_eq!(doc["paths"]["/invites/{email}/accept"]["post"]["x-segsync-extension"], true);
    assert!(doc["paths"]["/sources"]["post"].get("x-segsync-extension").is_none());
    srv.stop().await;
}

async fn c_invite(srv: &crate::support::TestServer) {
    srv.client().create_invites(vec![Invite { email: "ada@example.com".into(), permissions: None }]).await.expect("invite");
}

/// `--rate-limit segment`: about 10 requests a second overall, and endpoints with limits of
/// their own (5 a minute for subscription writes), each with the headers and the 429 body.
#[tokio::test]
async fn the_segment_rate_limit_preset_limits_overall_and_per_endpoint() {
    let srv = start_with(Config { rate_limit: Some("segment".parse().expect("preset")), ..Config::default() }).await;
    let raw = srv.http();
    // Subscription writes: the 6th in a minute is refused even though the overall limit is not
    // reached (the 404s count: the limit applies before the request is handled).
    let mut statuses = vec![];
    for _ in 0..6 {
        statuses.push(raw.send("DELETE", "/destinations/nope/subscriptions/nope", None, None).await.status);
    }
    assert_eq!(statuses, vec![404, 404, 404, 404, 404, 429], "5 subscription writes a minute");
    let r = raw.get("/sources").await;
    assert_eq!(r.status, 200, "other endpoints still answer");
    // Overall: about 10 a second.
    let mut limited = None;
    for _ in 0..12 {
        let r = raw.get("/sources").await;
        if r.status == 429 {
            limited = Some(r);
            break;
        }
    }
    let limited = limited.expect("the overall limit is enforced");
    assert_eq!(limited.body["errors"][0]["message"], "Too many requests");
    assert!(limited.body["errors"][0]["data"]["msBeforeNext"].as_u64().is_some_and(|ms| ms <= 1000));
    assert_eq!(limited.headers.get("x-ratelimit-remaining").and_then(|v| v.to_str().ok()), Some("0"));
    srv.stop().await;
}

#[tokio::test]
async fn client_gives_up_within_its_bounds() {
    let srv = start_with(Config { faults: "503=1".parse().expect("faults"), ..Config::default() }).await;
    let policy = RetryPolicy {
        max_attempts: 4,
        max_elapsed: Duration::from_secs(10),
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    };
    let c = Client::builder(&srv.url, Token::new(&srv.admin_token)).retry(policy).build().expect("client");
    let err = c.list_sources().await.expect_err("always failing");
    match &err {
        Error::GaveUp { attempts, .. } => assert_eq!(*attempts, 4),
        other => panic!("expected GaveUp, got {other:?}"),
    }
    assert!(err.is_retryable());
    assert_eq!(err.status(), Some(503));
    srv.stop().await;
}

#[tokio::test]
async fn rate_limit_headers_and_client_backoff() {
    let srv = start_with(Config { rate_limit: Some("5/1s".parse().expect("limit")), ..Config::default() }).await;
    let raw = srv.http();
    let r = raw.get("/sources").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers.get("x-ratelimit-remaining").and_then(|v| v.to_str().ok()), Some("4"));
    assert!(r.headers.get("x-ratelimit-reset").is_some());
    let mut limited = None;
    for _ in 0..10 {
        let r = raw.get("/sources").await;
        if r.status == 429 {
            limited = Some(r);
            break;
        }
    }
    let limited = limited.expect("the limit is enforced");
    assert_eq!(limited.body["errors"][0]["message"], "Too many requests");
    assert!(limited.body["errors"][0]["data"]["msBeforeNext"].as_u64().is_some_and(|ms| ms <= 1000));
    assert!(limited.headers.get("retry-after").is_some());

    // The client waits as told and every call succeeds.
    let c = srv.client();
    let started = Instant::now();
    for _ in 0..15 {
        c.list_sources().await.expect("rate-limited calls succeed after waiting");
    }
    assert!(started.elapsed() >= Duration::from_millis(1500), "the client waited for the windows: {:?}", started.elapsed());
    srv.stop().await;
}

/// Many calls at once through clones of one client keep to one pace: at most the client's
/// concurrency in flight, and a 429's `msBeforeNext` holds every call back, not only the one
/// refused — so the calls finish in about (calls ÷ limit) with few refusals, none failing.
#[tokio::test]
async fn concurrent_calls_share_one_pace_within_the_limit() {
    let srv = start_with(Config { rate_limit: Some("10/1s".parse().expect("limit")), ..Config::default() }).await;
    let c = srv.client();
    let started = Instant::now();
    let calls = (0..40).map(|_| {
        let c = c.clone();
        async move { c.list_sources().await }
    });
    let results = futures_util::future::join_all(calls).await;
    let took = started.elapsed();
    assert!(results.iter().all(Result::is_ok), "{:?}", results.iter().find(|r| r.is_err()));
    // 40 calls at 10 a second: four windows at least; a client that retried each refusal on its
    // own would either fail or take far longer.
    assert!(took >= Duration::from_millis(3000) && took < Duration::from_secs(12), "{took:?}");
    let sent = c.pace().requests_sent();
    let (holds, _) = c.pace().holds();
    assert!(holds >= 1, "a 429 held every call back");
    assert!(sent < 40 + 30, "refused attempts stay few: {sent} sent for 40 calls");
    srv.stop().await;
}

/// A call queued behind the client's own pace for longer than the retry budget still gets its
/// retries: the budget counts from the call's first attempt on the wire (a full read of a 10k
/// workspace at 10 requests/s queues thousands of calls for minutes).
#[tokio::test]
async fn time_queued_behind_the_pace_does_not_spend_the_retry_budget() {
    let srv = start_with(Config { rate_limit: Some("10/1s".parse().expect("limit")), ..Config::default() }).await;
    let policy = RetryPolicy {
        max_attempts: 8,
        max_elapsed: Duration::from_secs(1),
        base_delay: Duration::from_millis(50),
        max_delay: Duration::from_secs(1),
    };
    let c = Client::builder(&srv.url, Token::new(&srv.admin_token)).retry(policy).concurrency(4).build().expect("client");
    let started = Instant::now();
    let calls = (0..100).map(|_| {
        let c = c.clone();
        async move { c.list_sources().await }
    });
    let results = futures_util::future::join_all(calls).await;
    let took = started.elapsed();
    assert!(took > Duration::from_secs(4), "the last calls queued longer than the budget: {took:?}");
    assert!(results.iter().all(Result::is_ok), "{:?}", results.iter().find(|r| r.is_err()));
    srv.stop().await;
}

#[tokio::test]
async fn concurrent_writers_lose_nothing() {
    let srv = start().await;
    let meta = srv.state.catalog.sources[0].id.clone();
    let mut tasks = Vec::new();
    for w in 0..8 {
        let c = srv.client();
        let meta = meta.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..25 {
                c.create_source(&source_input(&format!("w{w}-{i}"), &meta)).await.expect("create");
            }
        }));
    }
    for t in tasks {
        t.await.expect("writer");
    }
    let c = srv.client();
    let sources = c.list_sources().await.expect("list");
    assert_eq!(sources.len(), 200);
    let slugs: std::collections::BTreeSet<_> = sources.iter().map(|s| s.slug.clone()).collect();
    assert_eq!(slugs.len(), 200);
    assert_eq!(c.audit_events(&Default::default()).await.expect("events").len(), 200);
    srv.stop().await;
}

#[tokio::test]
async fn tokens_never_show_in_debug_or_errors() {
    let srv = start().await;
    let c = srv.client();
    assert!(!format!("{c:?}").contains(&srv.admin_token));
    let token = Token::new(&srv.admin_token);
    assert!(!format!("{token:?} {token}").contains(&srv.admin_token));
    let bad = Client::builder(&srv.url, Token::new("sgs_wrong.token-value-secret")).retry(fast_retry()).build().expect("client");
    let err = bad.list_sources().await.expect_err("unauthorized");
    assert_eq!(err.status(), Some(401));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("token-value-secret"), "{shown}");
    srv.stop().await;
}
