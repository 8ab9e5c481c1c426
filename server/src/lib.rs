//! `segsync-server`: a self-hostable workspace server speaking the Segment Public API contract,
//! on SQLite. [`router`] is the whole HTTP surface; the binary adds the CLI around it.

use std::panic::AssertUnwindSafe;

use axum::extract::Request;
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures_util::FutureExt;

pub mod auth;
pub mod catalog;
pub mod error;
pub mod extract;
pub mod faults;
pub mod idempotency;
pub mod ids;
pub mod limits;
pub mod openapi;
pub mod ops;
pub mod records;
pub mod routes;
pub mod secrets;
pub mod seed;
pub mod serve;
pub mod state;
pub mod store;
pub mod validate;

pub use error::AppError;

pub use serve::{serve, Limits};
pub use state::{AppState, Config};

/// The whole HTTP surface: the API behind authentication, plus `/healthz` and `/openapi.json`.
pub fn router(state: AppState) -> Router {
    let api = routes::routes()
        .layer(from_fn_with_state(state.clone(), idempotency::idempotency))
        .layer(from_fn_with_state(state.clone(), auth::guard))
        .layer(from_fn_with_state(state.clone(), faults::latency));
    Router::new()
        .route("/healthz", get(|| async { Json(serde_json::json!({ "status": "ok" })) }))
        .route("/openapi.json", get(|| async { Json(openapi::document()) }))
        .merge(api)
        .fallback(|| async { AppError::route_not_found() })
        .method_not_allowed_fallback(|| async {
            AppError::new(axum::http::StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "this endpoint does not accept that method")
        })
        .layer(from_fn(catch_panic))
        .layer(from_fn(record_for_contract))
        .with_state(state)
}

/// With `SEGSYNC_CONTRACT_LOG` set, every answer is recorded for the conformance check against
/// Segment's contract (`segsync_api::contract`).
async fn record_for_contract(req: Request, next: Next) -> Response {
    if !segsync_api::contract::recording() {
        return next.run(req).await;
    }
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let query: Vec<(String, String)> = form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes()).into_owned().collect();
    let resp = next.run(req).await;
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return AppError::internal().into_response();
    };
    segsync_api::contract::record(&segsync_api::contract::Exchange {
        side: "server".into(),
        method,
        path,
        query,
        content_type: None,
        body: None,
        status: Some(parts.status.as_u16()),
        response: serde_json::from_slice(&bytes).ok(),
    });
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A handler that panics answers a 500 envelope instead of dropping the connection.
async fn catch_panic(req: Request, next: Next) -> Response {
    match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(r) => r,
        Err(_) => {
            tracing::error!("a request handler panicked");
            AppError::internal().into_response()
        }
    }
}
