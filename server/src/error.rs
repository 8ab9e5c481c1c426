//! The one error type of the server: every failure becomes a JSON error envelope with a 4xx/5xx
//! status. Storage errors are logged in full and answered without internals.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use segsync_api::types::{ErrorEnvelope, RequestError};
use serde_json::Value;

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub data: Option<Value>,
    pub retry_after_secs: Option<u64>,
}

impl AppError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        Self { status, kind, message: message.into(), field: None, data: None, retry_after_secs: None }
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", format!("{what} '{id}' was not found"))
    }

    pub fn route_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "no such endpoint")
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad-request", message)
    }

    /// A 422 naming the offending input field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "input-validation", message);
        e.field = Some(field.into());
        e
    }

    /// A reference to an object that does not exist, reported on the field that holds it.
    pub fn missing_ref(field: &str, what: &str, id: &str) -> Self {
        let mut e = Self::not_found(what, id);
        e.field = Some(field.to_string());
        e
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn too_large(limit: usize) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large", format!("the request body is larger than {limit} bytes"))
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server failed to handle the request")
    }

    pub fn unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the service is temporarily unavailable")
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err {
            if db.is_unique_violation() {
                return AppError::conflict("an object with the same key already exists");
            }
            let msg = db.message();
            if msg.contains("database is locked") || msg.contains("busy") {
                tracing::warn!(error = %err, "database busy");
                return AppError::unavailable();
            }
        }
        if matches!(err, sqlx::Error::PoolTimedOut) {
            tracing::warn!(error = %err, "database pool exhausted");
            return AppError::unavailable();
        }
        tracing::error!(error = %err, "storage error");
        AppError::internal()
    }
}

impl From<serde_json::Error> for AppError {
    fn from(err: serde_json::Error) -> Self {
        tracing::error!(error = %err, "stored document could not be decoded");
        AppError::internal()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = ErrorEnvelope {
            errors: vec![RequestError {
                kind: self.kind.to_string(),
                message: Some(self.message),
                field: self.field,
                data: self.data,
                status: Some(self.status.as_u16()),
            }],
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert("retry-after", v);
            }
        }
        resp
    }
}

pub type AppResult<T> = Result<T, AppError>;
