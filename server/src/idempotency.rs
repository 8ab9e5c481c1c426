//! `Idempotency-Key` on POST: our extension (`--extensions`), not part of Segment's API.

use axum::body::Body as AxumBody;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::auth::Caller;
use crate::error::AppError;
use crate::state::AppState;
use crate::store;

/// `Idempotency-Key` on POST: the first response to a key is stored and replayed for repeats of
/// the same request; the same key with a different request is refused.
pub async fn idempotency(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Segment's API documents no Idempotency-Key: without `--extensions` the header is ignored,
    // as the real API would (BEHAVIOURS.md, "No idempotency keys").
    if req.method() != Method::POST || !state.config.extensions {
        return next.run(req).await;
    }
    let Some(key) = req.headers().get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return next.run(req).await;
    };
    if key.is_empty() || key.len() > 255 {
        return AppError::invalid("Idempotency-Key", "the Idempotency-Key header must be 1 to 255 characters").into_response();
    }
    let Some(caller) = req.extensions().get::<Caller>().cloned() else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let limit = state.config.body_limit;
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return AppError::too_large(limit).into_response();
    };
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update([0]);
    hasher.update(parts.uri.path());
    hasher.update([0]);
    hasher.update(&bytes);
    let request_hash = hasher.finalize().to_vec();

    // Repeats of one key are handled one at a time.
    let lock = {
        let mut locks = state.idempotency_locks.lock().unwrap_or_else(|p| p.into_inner());
        locks.entry((caller.token_id.clone(), key.clone())).or_default().clone()
    };
    let _held = lock.lock().await;

    match store::idempotent_reply(&state.db.pool, &caller.token_id, &key).await {
        Err(e) => return e.into_response(),
        Ok(Some(row)) => {
            if row.request_hash != request_hash {
                return AppError::invalid("Idempotency-Key", "this Idempotency-Key was already used for a different request")
                    .into_response();
            }
            let status = StatusCode::from_u16(row.status).unwrap_or(StatusCode::OK);
            let mut resp = (status, row.body).into_response();
            resp.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
            resp.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            return resp;
        }
        Ok(None) => {}
    }

    let resp = next.run(Request::from_parts(parts, AxumBody::from(bytes))).await;
    if resp.status().is_server_error() {
        return resp;
    }
    let (rparts, rbody) = resp.into_parts();
    let Ok(rbytes) = axum::body::to_bytes(rbody, usize::MAX).await else {
        return AppError::internal().into_response();
    };
    let reply = store::IdempotentReply { request_hash, status: rparts.status.as_u16(), body: rbytes.to_vec() };
    if let Err(e) = store::save_idempotent_reply(&state.db.pool, &caller.token_id, &key, &reply).await {
        tracing::error!(error = %e, "could not record an idempotency key");
    }
    Response::from_parts(rparts, AxumBody::from(rbytes))
}
