//! The client's error type: what went wrong, with the API's own error type and field when the API
//! answered, and helpers that say what it means (`is_not_found`, `is_retryable`).

use std::time::Duration;

use crate::types::RequestError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The API answered with an error status and (usually) an error envelope.
    #[error("{method} {path} answered {status}{}", describe(.errors))]
    Api {
        method: String,
        path: String,
        status: u16,
        errors: Vec<RequestError>,
        /// How long the API asked us to wait (Retry-After or `msBeforeNext`).
        retry_after: Option<Duration>,
    },
    /// The request did not get an answer (connection refused, reset, timed out…).
    #[error("{method} {path} could not reach the API")]
    Transport {
        method: String,
        path: String,
        /// True when the request certainly never reached the server.
        not_sent: bool,
        #[source]
        source: reqwest::Error,
    },
    /// The API answered 2xx with a body that is not the expected shape.
    #[error("{method} {path} answered with a body that could not be decoded")]
    Decode {
        method: String,
        path: String,
        #[source]
        source: serde_json::Error,
    },
    /// Retries ran out; the last error is the source.
    #[error("gave up after {attempts} attempts in {elapsed:?}")]
    GaveUp {
        attempts: u32,
        elapsed: Duration,
        #[source]
        last: Box<Error>,
    },
    /// An id that goes in the path is empty; nothing was sent.
    #[error("{method} {path}: an id in the path is empty")]
    EmptyId { method: String, path: String },
    /// The client could not be built (bad base URL, TLS set-up).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

fn describe(errors: &[RequestError]) -> String {
    match errors.first() {
        None => String::new(),
        Some(e) => {
            let mut s = format!(": {}", e.message.as_deref().unwrap_or(&e.kind));
            if let Some(f) = &e.field {
                s.push_str(&format!(" (field '{f}')"));
            }
            s
        }
    }
}

impl Error {
    /// The innermost error (through [`Error::GaveUp`]).
    pub fn root(&self) -> &Error {
        match self {
            Error::GaveUp { last, .. } => last.root(),
            other => other,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self.root() {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Whether trying the same request again later may succeed: connection failures, 429, 5xx.
    pub fn is_retryable(&self) -> bool {
        match self.root() {
            Error::Transport { .. } => true,
            Error::Api { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }

    /// Whether the API may have carried the request out although no answer says so: the
    /// connection was lost after the request went out, it timed out, or the API answered 5xx.
    /// (A 429, a 4xx or a request never sent changed nothing.)
    pub fn may_have_happened(&self) -> bool {
        match self.root() {
            Error::Transport { not_sent, .. } => !*not_sent,
            Error::Api { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The input field the API blamed, if any.
    pub fn field(&self) -> Option<&str> {
        match self.root() {
            Error::Api { errors, .. } => errors.first().and_then(|e| e.field.as_deref()),
            _ => None,
        }
    }

    /// The API's message, if it gave one.
    pub fn api_message(&self) -> Option<&str> {
        match self.root() {
            Error::Api { errors, .. } => errors.first().and_then(|e| e.message.as_deref()),
            _ => None,
        }
    }
}
