//! Fault injection (`--fault`): a share of requests answered with a chosen status before or after
//! the handler runs, so clients can be tested against a flaky server; and `--latency`, a delay
//! on every request, so clients can be measured as against a remote API.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde_json::json;

use crate::error::AppError;

/// Rolls the dice: the status of the fault to inject, if any.
pub fn pick(faults: &[crate::state::Fault], method: &str) -> Option<u16> {
    let faults: Vec<&crate::state::Fault> = faults.iter().filter(|f| f.method.as_deref().is_none_or(|m| m == method)).collect();
    if faults.is_empty() {
        return None;
    }
    let roll: f64 = rand::thread_rng().gen();
    let mut acc = 0.0;
    for f in faults {
        acc += f.share;
        if roll < acc {
            return Some(f.status);
        }
    }
    None
}

pub fn response(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut err = AppError::new(status, "injected-fault", format!("fault injected by the server (status {code})"));
    if code == 429 {
        err = err.with_data(json!({ "remainingPoints": 0, "msBeforeNext": 100, "consumedPoints": 0 }));
        err.kind = "RequestError";
        err.message = "Too many requests".into();
        err.retry_after_secs = Some(1);
    }
    err.into_response()
}

/// Waits `--latency` before handling a request.
pub async fn latency(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Some(d) = state.config.latency {
        tokio::time::sleep(d).await;
    }
    next.run(req).await
}
