//! Rate limits per token (`--rate-limit`), answered with `X-RateLimit-*` headers and a 429 body.
//!
//! `--rate-limit N/WINDOW` is one limit over every request of a token. `--rate-limit segment` is
//! Segment's as far as it is documented (BEHAVIOURS.md, "Rate limits and latency"; the SDK's
//! operation descriptions): about 10 requests a second overall, and the endpoints with limits of
//! their own — 5 a minute for subscription writes; 60 a minute for label writes, invites, user
//! deletes and user and group permission and membership writes; 200 a minute for tracking-plan
//! rule lists. Each endpoint limit counts per token and operation, beside the overall one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::AppError;

/// The windows of every token (and token and operation), shared by the server's requests.
pub type Windows = Mutex<HashMap<String, Window>>;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub points: u32,
    pub window: Duration,
}

impl std::str::FromStr for RateLimit {
    type Err = String;

    /// `N/60s`, `N/500ms` or `N` (per minute).
    fn from_str(s: &str) -> Result<Self, String> {
        let (n, w) = s.split_once('/').unwrap_or((s, "60s"));
        let points: u32 = n.trim().parse().map_err(|_| format!("rate limit '{s}': expected N/WINDOW such as 100/60s"))?;
        let w = w.trim();
        let window = if let Some(ms) = w.strip_suffix("ms") {
            ms.parse().map(Duration::from_millis)
        } else if let Some(sec) = w.strip_suffix('s') {
            sec.parse().map(Duration::from_secs)
        } else {
            w.parse().map(Duration::from_secs)
        }
        .map_err(|_| format!("rate limit '{s}': window must look like 60s or 500ms"))?;
        if points == 0 || window.is_zero() {
            return Err(format!("rate limit '{s}': points and window must be positive"));
        }
        Ok(RateLimit { points, window })
    }
}

/// The current rate-limit window of one token.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub started: std::time::Instant,
    pub started_wall: std::time::SystemTime,
    pub consumed: u32,
}

/// The limits a server applies.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimits {
    pub overall: RateLimit,
    /// Operations (by their SDK name) with a limit of their own.
    pub per_operation: Vec<(&'static [&'static str], RateLimit)>,
}

const MINUTE: Duration = Duration::from_secs(60);

/// Segment's documented endpoint limits.
const SEGMENT_ENDPOINTS: &[(&[&str], u32)] = &[
    (&["CreateDestinationSubscription", "UpdateSubscriptionForDestination", "RemoveSubscriptionFromDestination"], 5),
    (
        &[
            "CreateLabel",
            "DeleteLabel",
            "CreateInvites",
            "DeleteInvites",
            "DeleteUsers",
            "ReplacePermissionsForUser",
            "ReplacePermissionsForUserGroup",
            "ReplaceUsersInUserGroup",
        ],
        60,
    ),
    (&["ListRulesFromTrackingPlan"], 200),
];

impl RateLimits {
    /// Segment's limits (see the module documentation).
    pub fn segment() -> Self {
        RateLimits {
            overall: RateLimit { points: 10, window: Duration::from_secs(1) },
            per_operation: SEGMENT_ENDPOINTS.iter().map(|(ops, n)| (*ops, RateLimit { points: *n, window: MINUTE })).collect(),
        }
    }

    fn for_operation(&self, op: &str) -> Option<RateLimit> {
        self.per_operation.iter().find(|(ops, _)| ops.contains(&op)).map(|(_, l)| *l)
    }
}

impl std::str::FromStr for RateLimits {
    type Err = String;

    /// `segment`, or one limit such as `100/60s`.
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim().eq_ignore_ascii_case("segment") {
            return Ok(Self::segment());
        }
        Ok(RateLimits { overall: s.parse()?, per_operation: vec![] })
    }
}

/// Counts the request against the token's windows (overall, and its operation's when it has a
/// limit of its own): headers for the response, or the 429.
pub fn rate_limit(
    limits: Option<&RateLimits>,
    windows: &Windows,
    token_id: &str,
    method: &str,
    path: &str,
) -> Result<Option<HeaderMap>, Box<Response>> {
    let Some(limits) = limits else { return Ok(None) };
    let mut buckets = vec![(token_id.to_string(), limits.overall)];
    if let Some(op) = segsync_api::contract::contract().operation(method, path) {
        if let Some(l) = limits.for_operation(&op.name) {
            buckets.push((format!("{token_id}\u{0}{}", op.name), l));
        }
    }
    let now = Instant::now();
    let mut windows = windows.lock().unwrap_or_else(|p| p.into_inner());
    // Refused when any bucket is spent; nothing is counted then.
    let mut tightest: Option<(u32, u32, SystemTime)> = None;
    for (key, limit) in &buckets {
        let w = windows.entry(key.clone()).or_insert(Window { started: now, started_wall: SystemTime::now(), consumed: 0 });
        if now.duration_since(w.started) >= limit.window {
            *w = Window { started: now, started_wall: SystemTime::now(), consumed: 0 };
        }
        let reset_wall = w.started_wall + limit.window;
        if w.consumed >= limit.points {
            let ms_before_next = limit.window.saturating_sub(now.duration_since(w.started)).as_millis() as u64;
            let mut err = AppError::new(StatusCode::TOO_MANY_REQUESTS, "RequestError", "Too many requests").with_data(json!({
                "remainingPoints": 0,
                "msBeforeNext": ms_before_next,
                "consumedPoints": w.consumed,
            }));
            err.retry_after_secs = Some(ms_before_next.div_ceil(1000).max(1));
            let mut resp = err.into_response();
            insert_rate_headers(resp.headers_mut(), w.consumed, 0, reset_wall);
            return Err(Box::new(resp));
        }
        let remaining = limit.points - w.consumed - 1;
        if tightest.is_none_or(|(_, r, _)| remaining < r) {
            tightest = Some((w.consumed + 1, remaining, reset_wall));
        }
    }
    for (key, _) in &buckets {
        if let Some(w) = windows.get_mut(key) {
            w.consumed += 1;
        }
    }
    let mut h = HeaderMap::new();
    if let Some((consumed, remaining, reset)) = tightest {
        insert_rate_headers(&mut h, consumed, remaining, reset);
    }
    Ok(Some(h))
}

fn insert_rate_headers(h: &mut HeaderMap, consumed: u32, remaining: u32, reset: SystemTime) {
    for (name, value) in [
        ("x-ratelimit-consumed", consumed.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", httpdate::fmt_http_date(reset)),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
}
