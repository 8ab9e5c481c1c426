//! The audit trail, as Segment's answers it (BEHAVIOURS.md, "Audit trail"): newest first, the
//! cursor carrying the time the next page ends before, `startTime` and `endTime` exclusive, no
//! `next` on the last page, no total. Events older than the retention (90 days) are gone, and a
//! workspace without the feature gets a 403.

use axum::extract::State;
use segsync_api::data::*;
use segsync_api::types::AuditEvent;

use super::{ok, Reply};
use crate::error::AppError;
use crate::extract::{bad_cursor, decode_time_cursor, encode_time_cursor, Query, FIRST_PAGE_CURSOR};
use crate::ids;
use crate::state::AppState;
use crate::store::{self, AuditFilter};

fn time_param(q: &Query, name: &str) -> Result<Option<i64>, AppError> {
    match q.get(name) {
        None | Some("") => Ok(None),
        Some(v) => {
            let t = ids::parse_rfc3339(v).ok_or_else(|| {
                AppError::invalid(name, format!("'{name}' must be an RFC 3339 time such as 2026-01-02T03:04:05Z, got '{v}'"))
            })?;
            Ok(Some((t.unix_timestamp_nanos() / 1_000_000) as i64))
        }
    }
}

/// What a workspace without the audit trail is told. Segment documents the feature as
/// Business-tier but not the answer without it; the twin refuses with 403, which a client
/// cannot mistake for an empty feed (`docs/guides/segment-api-fidelity.md`).
pub const NOT_AVAILABLE: &str = "the audit trail is not available on this workspace's plan";

pub async fn list_audit_events(State(s): State<AppState>, q: Query) -> Reply<AuditEventsPage> {
    if !s.config.audit.available {
        return Err(AppError::forbidden(NOT_AVAILABLE));
    }
    let count = q.page_count()?;
    let before = match q.get("pagination.cursor") {
        None | Some("") | Some(FIRST_PAGE_CURSOR) => None,
        Some(c) => Some(decode_time_cursor(c).ok_or_else(|| bad_cursor(c))?),
    };
    let now_ms = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
    let oldest = now_ms - s.config.audit.retention.as_millis() as i64;
    let start = time_param(&q, "startTime")?.map_or(oldest, |t| t.max(oldest));
    let filter = AuditFilter {
        start_ms: Some(start),
        end_ms: time_param(&q, "endTime")?,
        resource_id: q.get("resourceId").filter(|v| !v.is_empty()).map(str::to_string),
        resource_type: q.get("resourceType").filter(|v| !v.is_empty()).map(str::to_string),
    };
    let (events, has_more) = store::audit_page(&s.db.pool, &filter, before, count).await?;
    let next = if has_more { events.last().map(|((ts, seq), _)| encode_time_cursor(*ts, *seq)) } else { None };
    let current = before.map_or_else(|| FIRST_PAGE_CURSOR.to_string(), |(ts, seq)| encode_time_cursor(ts, seq));
    let items: Vec<AuditEvent> = events.into_iter().map(|(_, e)| e).collect();
    let pagination = segsync_api::types::Pagination { current, next, previous: None, total_entries: None };
    ok(AuditEventsPage { items, pagination: Some(pagination) })
}
