//! Pagination (both spellings) and the audit-event change feed.

use std::collections::BTreeSet;

use futures_util::TryStreamExt;
use segsync_api::data::SourcesPage;
use segsync_api::types::*;
use segsync_api::AuditFilter;
use serde_json::Value;

use crate::support::start;

async fn walk(raw: &crate::support::Raw, first: &str, spelling: fn(u32, &str) -> String) -> (Vec<String>, usize) {
    let mut ids = Vec::new();
    let mut pages = 0;
    let mut cursor = first.to_string();
    loop {
        let r = raw.get(&format!("/sources?{}", spelling(7, &cursor))).await;
        assert_eq!(r.status, 200, "{}", r.body);
        pages += 1;
        let items = r.body["data"]["sources"].as_array().expect("array").clone();
        assert!(items.len() <= 7);
        ids.extend(items.iter().map(|s| s["id"].as_str().expect("id").to_string()));
        assert_eq!(r.body["data"]["pagination"]["totalEntries"], 30);
        match &r.body["data"]["pagination"]["next"] {
            Value::String(n) => cursor = n.clone(),
            _ => break,
        }
    }
    (ids, pages)
}

#[tokio::test]
async fn pagination_in_both_spellings() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let mut created = Vec::new();
    for i in 0..30 {
        created.push(
            c.create_source(&CreateSourceInput {
                slug: format!("s{i}"),
                enabled: true,
                metadata_id: cat.source("go").id.clone(),
                ..Default::default()
            })
            .await
            .expect("create")
            .id,
        );
    }
    let raw = srv.http();
    let dotted = |n: u32, c: &str| format!("pagination.count={n}&pagination.cursor={}", urlencode(c));
    let bracketed = |n: u32, c: &str| format!("pagination%5Bcount%5D={n}&pagination%5Bcursor%5D={}", urlencode(c));
    let (a, pages_a) = walk(&raw, "MA==", dotted).await;
    let (b, pages_b) = walk(&raw, "MA==", bracketed).await;
    assert_eq!(a, created, "pages in creation order, nothing missed or repeated");
    assert_eq!(b, created);
    assert_eq!((pages_a, pages_b), (5, 5));

    // `previous` leads back to the page before.
    let p1 = raw.get("/sources?pagination.count=7").await;
    let next = p1.body["data"]["pagination"]["next"].as_str().expect("next").to_string();
    let p2 = raw.get(&format!("/sources?pagination.count=7&pagination.cursor={}", urlencode(&next))).await;
    let prev = p2.body["data"]["pagination"]["previous"].as_str().expect("previous").to_string();
    let back = raw.get(&format!("/sources?pagination.count=7&pagination.cursor={}", urlencode(&prev))).await;
    assert_eq!(back.body["data"]["sources"], p1.body["data"]["sources"]);

    // The client's stream reads every page.
    let small = srv.client_builder_page(4);
    let all: Vec<Source> = small.paginate::<SourcesPage>(vec!["sources".into()], vec![]).try_collect().await.expect("stream");
    assert_eq!(all.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), created);
    srv.stop().await;
}

fn urlencode(s: &str) -> String {
    form_urlencoded_byte(s)
}

fn form_urlencoded_byte(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl crate::support::TestServer {
    pub fn client_builder_page(&self, n: u32) -> segsync_api::Client {
        segsync_api::Client::builder(&self.url, segsync_api::Token::new(&self.admin_token)).page_size(n).build().expect("client")
    }
}

#[tokio::test]
async fn audit_events_record_every_write_in_order_with_actors() {
    let srv = start().await;
    let admin = srv.client();
    let cat = srv.catalog().await;
    // A second admin token without an email: its actor is the token name.
    let bot_token = segsync_server::auth::create_token(&srv.state.db.pool, "deploy-bot", segsync_server::auth::Scope::Admin, None)
        .await
        .expect("token");
    let bot = srv.client_with(&bot_token);

    let src = admin
        .create_source(&CreateSourceInput {
            slug: "web".into(),
            enabled: true,
            metadata_id: cat.source("javascript").id.clone(),
            ..Default::default()
        })
        .await
        .expect("source");
    bot.update_source(&src.id, &UpdateSourceInput { enabled: Some(false), ..Default::default() }).await.expect("disable");
    bot.update_source(&src.id, &UpdateSourceInput { enabled: Some(true), ..Default::default() }).await.expect("enable");
    admin.update_source(&src.id, &UpdateSourceInput { name: Some("Web".into()), ..Default::default() }).await.expect("modify");
    let dest = admin
        .create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: cat.destination("webhooks").id.clone(),
            settings: Settings::new(),
            ..Default::default()
        })
        .await
        .expect("dest");
    let f = admin
        .create_filter(
            &dest.id,
            &CreateFilterInput {
                source_id: src.id.clone(),
                condition: "true".into(),
                actions: vec![FilterAction { kind: "DROP".into(), ..Default::default() }],
                title: "all".into(),
                description: None,
                enabled: true,
            },
        )
        .await
        .expect("filter");
    admin.delete_source(&src.id).await.expect("delete cascades");

    let mut events = admin.audit_events(&AuditFilter::default()).await.expect("events");
    // Newest first, as Segment's feed pages (the cursor carries an end time).
    assert!(events.windows(2).all(|w| w[0].timestamp >= w[1].timestamp), "newest first");
    events.reverse();
    let got: Vec<(String, String, String, String)> =
        events.iter().map(|e| (e.kind.clone(), e.resource_type.clone(), e.resource_id.clone(), e.actor.clone())).collect();
    let ops = "ops@example.com".to_string();
    let botname = "Public API token 'deploy-bot'".to_string();
    let ev = |k: &str, rt: &str, id: &str, who: &str| (k.to_string(), rt.to_string(), id.to_string(), who.to_string());
    // Segment's phrases (the SDK's operation descriptions) and plural resource types; the
    // filter by its own id.
    assert_eq!(
        got,
        vec![
            ev("Source Created", "Sources", &src.id, &ops),
            ev("Source Disabled", "Sources", &src.id, &botname),
            ev("Source Enabled", "Sources", &src.id, &botname),
            ev("Source Settings Modified", "Sources", &src.id, &ops),
            ev("Integration Created", "Integrations", &dest.id, &ops),
            ev("Destination Filter Created", "Destination Filters", &f.id, &ops),
            ev("Destination Filter Deleted", "Destination Filters", &f.id, &ops),
            ev("Integration Deleted", "Integrations", &dest.id, &ops),
            ev("Source Deleted", "Sources", &src.id, &ops),
        ]
    );
    assert_eq!(events[0].actor_email.as_deref(), Some("ops@example.com"));
    assert_eq!(events[1].actor_email, None);
    assert_eq!(events.iter().map(|e| e.id.clone()).collect::<BTreeSet<_>>().len(), events.len(), "event ids are unique");
    // The events of one change (a cascade) share a timestamp.
    assert!(events[5..].windows(2).skip(1).all(|w| w[0].timestamp == w[1].timestamp), "{events:#?}");

    // Filters: resource id, resource type, time range (both ends exclusive).
    let by_id = admin.audit_events(&AuditFilter { resource_id: Some(dest.id.clone()), ..Default::default() }).await.expect("events");
    assert_eq!(by_id.len(), 2);
    let by_type =
        admin.audit_events(&AuditFilter { resource_type: Some("Destination Filters".into()), ..Default::default() }).await.expect("events");
    assert_eq!(by_type.len(), 2);
    let first_ts = events[0].timestamp.clone();
    let since = admin.audit_events(&AuditFilter { start_time: Some(first_ts.clone()), ..Default::default() }).await.expect("events");
    assert!(since.iter().all(|e| e.timestamp > first_ts), "startTime is exclusive: events after it");
    assert!(since.iter().any(|e| e.kind == "Source Deleted"));
    let before_all = admin.audit_events(&AuditFilter { end_time: Some(first_ts), ..Default::default() }).await.expect("events");
    assert!(before_all.is_empty(), "endTime is exclusive");

    // Pages walk back in time; the last has no `next` and no page gives a total.
    let raw = srv.http();
    let mut cursor: Option<String> = None;
    let mut walked = Vec::new();
    loop {
        let q = cursor.as_ref().map_or_else(String::new, |c| format!("&pagination.cursor={c}"));
        let r = raw.get(&format!("/audit-events?pagination.count=2{q}")).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let v: Value = r.body.clone();
        assert!(v["data"]["pagination"].get("totalEntries").is_none_or(Value::is_null), "{}", r.body);
        walked.extend(v["data"]["events"].as_array().expect("events").iter().map(|e| e["id"].as_str().unwrap_or_default().to_string()));
        match v["data"]["pagination"]["next"].as_str() {
            Some(n) => cursor = Some(n.to_string()),
            None => break,
        }
    }
    walked.reverse();
    assert_eq!(walked, events.iter().map(|e| e.id.clone()).collect::<Vec<_>>(), "every event once, across pages");
    srv.stop().await;
}

/// A follower that polls time windows (`startTime` = its last event minus an overlap), reads
/// every page and skips ids it has seen, misses nothing while writes continue, whatever the order
/// of pages.
#[tokio::test]
async fn audit_feed_paged_while_writes_continue_misses_nothing() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let meta = cat.source("go").id.clone();
    let writer = {
        let c = c.clone();
        let meta = meta.clone();
        tokio::spawn(async move {
            for i in 0..60 {
                c.create_source(&CreateSourceInput {
                    slug: format!("w{i}"),
                    enabled: true,
                    metadata_id: meta.clone(),
                    ..Default::default()
                })
                .await
                .expect("create");
            }
        })
    };
    // Follow the feed by time windows with small pages while the writer runs.
    let mut seen: Vec<(String, String)> = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let follower = srv.client_builder_page(5);
    let mut last: Option<String> = None;
    while seen.len() < 60 && std::time::Instant::now() < deadline {
        let start_time = last.as_deref().map(|t| {
            let ms = time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).expect("ts").unix_timestamp_nanos()
                / 1_000_000;
            segsync_server::ids::rfc3339(time::OffsetDateTime::from_unix_timestamp_nanos((ms - 2000) * 1_000_000).expect("t"))
        });
        let mut events = follower.audit_events(&AuditFilter { start_time, ..Default::default() }).await.expect("window");
        events.sort_by(|a, b| a.timestamp.cmp(&b.timestamp));
        for e in events {
            if !seen.iter().any(|(id, _)| *id == e.id) {
                last = Some(last.map_or(e.timestamp.clone(), |l: String| l.max(e.timestamp.clone())));
                seen.push((e.id, e.resource_id));
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    writer.await.expect("writer");
    let all = c.list_sources().await.expect("list");
    let got: BTreeSet<String> = seen.iter().map(|(_, r)| r.clone()).collect();
    assert_eq!(seen.len(), 60, "each event once");
    assert_eq!(got, all.iter().map(|s| s.id.clone()).collect::<BTreeSet<_>>(), "the feed holds every create");
    srv.stop().await;
}

#[tokio::test]
async fn audit_trail_retention_clock_skew_missing_trail_and_events_that_change_nothing() {
    use segsync_server::state::AuditTrail;
    use segsync_server::Config;
    // Retention (a test-only knob; Segment keeps 90 days): old events are gone.
    let audit = AuditTrail { retention: std::time::Duration::from_secs(1), ..AuditTrail::default() };
    let srv = crate::support::start_with(Config { audit, ..Config::default() }).await;
    let c = srv.client();
    let meta = srv.catalog().await.source("go").id.clone();
    c.create_source(&CreateSourceInput { slug: "old".into(), enabled: true, metadata_id: meta.clone(), ..Default::default() })
        .await
        .expect("create");
    assert_eq!(c.audit_events(&AuditFilter::default()).await.expect("events").len(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    assert!(c.audit_events(&AuditFilter::default()).await.expect("events").is_empty(), "older than the retention");
    // Listing a space's profiles warehouses writes "Profiles Sync Warehouse Retrieved"
    // (api_profiles_sync.go:232), an event that changes nothing.
    let space = srv.state.catalog.spaces[0].clone();
    srv.http().get(&format!("/spaces/{space}/profiles-warehouses")).await;
    let ev = c.audit_events(&AuditFilter::default()).await.expect("events");
    assert_eq!(ev.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["Profiles Sync Warehouse Retrieved"]);
    srv.stop().await;

    // Clock skew (test-only): events are stamped up to 500 ms early, so write order and time
    // order disagree.
    let audit = AuditTrail { clock_skew: Some(std::time::Duration::from_millis(500)), ..AuditTrail::default() };
    let srv = crate::support::start_with(Config { audit, ..Config::default() }).await;
    let c = srv.client();
    let mut written = Vec::new();
    for i in 0..20 {
        let s = c
            .create_source(&CreateSourceInput { slug: format!("s{i}"), enabled: true, metadata_id: meta.clone(), ..Default::default() })
            .await
            .expect("create");
        written.push(s.id);
    }
    let mut by_time = c.audit_events(&AuditFilter::default()).await.expect("events");
    by_time.reverse();
    assert_eq!(by_time.len(), 20);
    assert_ne!(by_time.iter().map(|e| e.resource_id.clone()).collect::<Vec<_>>(), written, "skewed stamps reorder events");
    srv.stop().await;

    // A workspace without the audit trail is refused with 403.
    let audit = AuditTrail { available: false, ..AuditTrail::default() };
    let srv = crate::support::start_with(Config { audit, ..Config::default() }).await;
    srv.http().get("/audit-events").await.assert_error(403, "forbidden", None);
    srv.stop().await;
}
