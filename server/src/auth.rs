//! Tokens and the guard in front of every handler: authentication and scope, then the rate limit
//! (`limits`) and fault injection (`faults`). Idempotency keys are in `idempotency`.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::ids;
use crate::state::AppState;
use crate::store::{self, Actor};
use crate::{faults, limits};

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

    let rate_headers = match limits::rate_limit(
        state.config.rate_limit.as_ref(),
        &state.limiter,
        &caller.token_id,
        req.method().as_str(),
        req.uri().path(),
    ) {
        Ok(h) => h,
        Err(resp) => return *resp,
    };

    let method = req.method().as_str().to_string();
    if let Some(status) = faults::pick(&state.config.faults.before, &method) {
        return faults::response(status);
    }
    let after_fault = faults::pick(&state.config.faults.after, &method);

    req.extensions_mut().insert(caller);
    let mut resp = next.run(req).await;
    if let Some(status) = after_fault {
        return faults::response(status);
    }
    if let Some(h) = rate_headers {
        resp.headers_mut().extend(h);
    }
    resp
}
