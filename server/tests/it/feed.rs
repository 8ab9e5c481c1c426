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

    let events = admin.audit_events(&AuditFilter::default()).await.expect("events");
    let got: Vec<(String, String, String)> = events.iter().map(|e| (e.kind.clone(), e.resource_id.clone(), e.actor.clone())).collect();
    let ops = "ops@example.com".to_string();
    let botname = "Public API token 'deploy-bot'".to_string();
    let filter_id = format!("{}:{}", dest.id, f.id);
    assert_eq!(
        got,
        vec![
            ("Source Created".into(), src.id.clone(), ops.clone()),
            ("Source Disabled".into(), src.id.clone(), botname.clone()),
            ("Source Enabled".into(), src.id.clone(), botname.clone()),
            ("Source Modified".into(), src.id.clone(), ops.clone()),
            ("Destination Created".into(), dest.id.clone(), ops.clone()),
            ("Destination Filter Created".into(), filter_id.clone(), ops.clone()),
            ("Destination Filter Deleted".into(), filter_id.clone(), ops.clone()),
            ("Destination Deleted".into(), dest.id.clone(), ops.clone()),
            ("Source Deleted".into(), src.id.clone(), ops.clone()),
        ]
    );
    assert_eq!(events[0].actor_email.as_deref(), Some("ops@example.com"));
    assert_eq!(events[1].actor_email, None);
    assert_eq!(events.iter().map(|e| e.id.clone()).collect::<BTreeSet<_>>().len(), events.len(), "event ids are unique");
    assert!(events.windows(2).all(|w| w[0].timestamp <= w[1].timestamp), "timestamps never go back");

    // Filters: resource id, resource type, time range.
    let by_id = admin.audit_events(&AuditFilter { resource_id: Some(dest.id.clone()), ..Default::default() }).await.expect("events");
    assert_eq!(by_id.len(), 2);
    let by_type =
        admin.audit_events(&AuditFilter { resource_type: Some("Destination Filter".into()), ..Default::default() }).await.expect("events");
    assert_eq!(by_type.len(), 2);
    let last_ts = events.last().map(|e| e.timestamp.clone()).expect("last");
    let since = admin.audit_events(&AuditFilter { start_time: Some(last_ts.clone()), ..Default::default() }).await.expect("events");
    assert!(since.iter().all(|e| e.timestamp >= last_ts) && since.iter().any(|e| e.kind == "Source Deleted"));
    let before_all =
        admin.audit_events(&AuditFilter { end_time: Some(events[0].timestamp.clone()), ..Default::default() }).await.expect("events");
    assert!(before_all.is_empty(), "endTime is exclusive");
    srv.stop().await;
}

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
    // Follow the feed with small pages while the writer runs.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let follower = srv.client_builder_page(5);
    while seen.len() < 60 && std::time::Instant::now() < deadline {
        let (events, p) = follower.audit_events_page(&AuditFilter::default(), cursor.as_deref()).await.expect("page");
        seen.extend(events.iter().map(|e| e.resource_id.clone()));
        match p.and_then(|p| p.next) {
            Some(n) => cursor = Some(n),
            // Caught up: poll the same position again.
            None => tokio::time::sleep(std::time::Duration::from_millis(5)).await,
        }
    }
    writer.await.expect("writer");
    let all = c.list_sources().await.expect("list");
    assert_eq!(seen, all.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), "the feed holds every create once, in order");
    srv.stop().await;
}
