//! Tokens and the request pipeline in front of every handler: authentication, scope, rate limits,
//! fault injection and idempotency keys.

use std::time::{Instant, SystemTime};

use axum::body::Body as AxumBody;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::ids;
use crate::state::{AppState, Window};
use crate::store::{self, Actor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Admin,
    Read,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Admin => "admin",
            Scope::Read => "read",
        }
    }
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub token_id: String,
    pub scope: Scope,
    pub actor: Actor,
}

fn hash_secret(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Creates a token and returns its clear text (shown once; only a hash is stored).
pub async fn create_token(pool: &SqlitePool, name: &str, scope: Scope, email: Option<&str>) -> Result<String, sqlx::Error> {
    let mut rng = rand::thread_rng();
    let id: String = (0..12).map(|_| char::from(b"abcdefghijkmnopqrstuvwxyz23456789"[rng.gen_range(0..33)])).collect();
    let secret = ids::write_key(&mut rng);
    let row = store::TokenRow {
        name: name.to_string(),
        scope: scope.as_str().to_string(),
        email: email.map(str::to_string),
        hash: hash_secret(&secret),
    };
    store::insert_token(pool, &id, &row).await?;
    Ok(format!("sgs_{id}.{secret}"))
}

/// Checks a bearer token; the secret is compared in constant time.
pub async fn verify(pool: &SqlitePool, token: &str) -> Result<Option<Caller>, AppError> {
    let Some((id, secret)) = token.strip_prefix("sgs_").and_then(|t| t.split_once('.')) else {
        return Ok(None);
    };
    let Some(row) = store::token(pool, id).await? else { return Ok(None) };
    if !bool::from(row.hash.ct_eq(&hash_secret(secret))) {
        return Ok(None);
    }
    let scope = if row.scope == "admin" { Scope::Admin } else { Scope::Read };
    Ok(Some(Caller { token_id: id.to_string(), scope, actor: Actor::for_token(&row.name, row.email.as_deref()) }))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get("authorization")?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// Authentication, scope check, rate limiting and fault injection, in that order.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(token) = bearer(req.headers()) else {
        return AppError::unauthorized("missing bearer token: send 'Authorization: Bearer <token>'").into_response();
    };
    let caller = match verify(&state.db.pool, token).await {
        Ok(Some(c)) => c,
        Ok(None) => return AppError::unauthorized("the token is not valid for this workspace").into_response(),
        Err(e) => return e.into_response(),
    };
    let is_write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if is_write && caller.scope == Scope::Read {
        return AppError::forbidden("this token is read-only; writes need a token with the admin scope").into_response();
    }

    let rate_headers = match rate_limit(&state, &caller.token_id) {
        Ok(h) => h,
        Err(resp) => return *resp,
    };

    if let Some(status) = pick_fault(&state.config.faults.before) {
        return fault_response(status);
    }
    let after_fault = pick_fault(&state.config.faults.after);

    req.extensions_mut().insert(caller);
    let mut resp = next.run(req).await;
    if let Some(status) = after_fault {
        return fault_response(status);
    }
    if let Some(h) = rate_headers {
        resp.headers_mut().extend(h);
    }
    resp
}

fn pick_fault(faults: &[(u16, f64)]) -> Option<u16> {
    if faults.is_empty() {
        return None;
    }
    let roll: f64 = rand::thread_rng().gen();
    let mut acc = 0.0;
    for (code, share) in faults {
        acc += share;
        if roll < acc {
            return Some(*code);
        }
    }
    None
}

fn fault_response(code: u16) -> Response {
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

/// Counts the request against the token's window: headers for the response, or the 429.
fn rate_limit(state: &AppState, token_id: &str) -> Result<Option<HeaderMap>, Box<Response>> {
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

/// `Idempotency-Key` on POST: the first response to a key is stored and replayed for repeats of
/// the same request; the same key with a different request is refused.
pub async fn idempotency(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(key) = req.headers().get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return next.run(req).await;
    };
    if key.is_empty() || key.len() > 255 {
        return AppError::invalid("Idempotency-Key", "the Idempotency-Key header must be 1 to 255 characters").into_response();
    }
    let Some(caller) = req.extensions().get::<crate::auth::Caller>().cloned() else {
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
