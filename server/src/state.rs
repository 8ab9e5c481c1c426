//! Shared server state and its configuration.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use segsync_api::types::Workspace;

use crate::catalog::Catalog;
use crate::store::Db;

/// Serialises repeats of one idempotency key (per token).
pub type KeyLock = Arc<tokio::sync::Mutex<()>>;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub config: Arc<Config>,
    pub workspace: Arc<Workspace>,
    pub limiter: Arc<crate::limits::Windows>,
    pub idempotency_locks: Arc<Mutex<HashMap<(String, String), KeyLock>>>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Limits per token (`--rate-limit`); `None` turns rate limiting off.
    pub rate_limit: Option<crate::limits::RateLimits>,
    pub faults: Faults,
    /// Our additions to the API (`--extensions`): invite acceptance and idempotency keys.
    pub extensions: bool,
    /// A delay added to every API request (`--latency`).
    pub latency: Option<Duration>,
    /// The workspace's audit trail (`--no-audit-trail`, and the test-only knobs).
    pub audit: AuditTrail,
}

/// How the audit trail answers. Segment's audit trail is a Business-tier feature that keeps 90
/// days (segment.com docs, "Audit Trail"; BEHAVIOURS.md).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditTrail {
    /// `false` answers `GET /audit-events` as a workspace without the feature (403).
    pub available: bool,
    /// Events older than this are not listed (90 days; shorter only in tests).
    pub retention: Duration,
    /// Test-only: each event is stamped up to this much before it is written, so events can
    /// appear after later-stamped ones were listed (a server clock that is not monotonic).
    pub clock_skew: Option<Duration>,
}

impl Default for AuditTrail {
    fn default() -> Self {
        AuditTrail { available: true, retention: Duration::from_secs(90 * 24 * 3600), clock_skew: None }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 2 * 1024 * 1024,
            rate_limit: None,
            faults: Faults::default(),
            extensions: false,
            latency: None,
            audit: AuditTrail::default(),
        }
    }
}

/// Fault injection: shares of requests answered with a status instead of being handled.
/// `STATUS=share` fails before touching data; `STATUS-after=share` handles the request, then
/// answers the status anyway (a lost response, which idempotency keys exist for).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub before: Vec<Fault>,
    pub after: Vec<Fault>,
}

/// One injected fault: a share of requests (of one method, when given) answered with `status`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub status: u16,
    pub share: f64,
    pub method: Option<String>,
}

impl std::str::FromStr for Faults {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut f = Faults::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| format!("fault '{part}': expected STATUS=SHARE such as 503=0.05"))?;
            // `POST:503-after=1`: only requests of that method.
            let (method, k) = match k.split_once(':') {
                Some((m, rest)) => (Some(m.trim().to_ascii_uppercase()), rest),
                None => (None, k),
            };
            let share: f64 = v.parse().map_err(|_| format!("fault '{part}': share must be a number from 0 to 1"))?;
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("fault '{part}': share must be from 0 to 1"));
            }
            let (code, after) = match k.strip_suffix("-after") {
                Some(c) => (c, true),
                None => (k, false),
            };
            let code: u16 = code.parse().map_err(|_| format!("fault '{part}': status must be a number such as 429 or 503"))?;
            if !(400..=599).contains(&code) {
                return Err(format!("fault '{part}': status must be a 4xx or 5xx code"));
            }
            let fault = Fault { status: code, share, method };
            if after {
                f.after.push(fault)
            } else {
                f.before.push(fault)
            }
        }
        Ok(f)
    }
}

impl AppState {
    pub fn new(mut db: Db, config: Config, workspace: Workspace) -> Self {
        db.audit_skew = config.audit.clock_skew;
        AppState {
            db,
            catalog: Arc::new(Catalog::builtin()),
            config: Arc::new(config),
            workspace: Arc::new(workspace),
            limiter: Arc::default(),
            idempotency_locks: Arc::default(),
        }
    }
}
