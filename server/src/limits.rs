//! Rate limits per token (`--rate-limit`), answered with `X-RateLimit-*` headers and a 429 body.

use std::time::{Instant, SystemTime};

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::AppError;
use crate::state::{AppState, Window};

/// Counts the request against the token's window: headers for the response, or the 429.
pub fn rate_limit(state: &AppState, token_id: &str) -> Result<Option<HeaderMap>, Box<Response>> {
    let Some(limit) = state.config.rate_limit else { return Ok(None) };
    let now = Instant::now();
    let mut windows = state.limiter.lock().unwrap_or_else(|p| p.into_inner());
    let w = windows.entry(token_id.to_string()).or_insert(Window { started: now, started_wall: SystemTime::now(), consumed: 0 });
    if now.duration_since(w.started) >= limit.window {
        *w = Window { started: now, started_wall: SystemTime::now(), consumed: 0 };
    }
    let reset_wall = w.started_wall + limit.window;
    let ms_before_next = limit.window.saturating_sub(now.duration_since(w.started)).as_millis() as u64;
    if w.consumed >= limit.points {
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
    w.consumed += 1;
    let mut h = HeaderMap::new();
    insert_rate_headers(&mut h, w.consumed, limit.points - w.consumed, reset_wall);
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
