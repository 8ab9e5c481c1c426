//! The audit-event change feed.

use axum::extract::State;
use segsync_api::data::*;
use segsync_api::types::AuditEvent;

use super::{ok, Reply};
use crate::error::AppError;
use crate::extract::{encode_cursor, Query};
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

/// Audit events, oldest first, filtered by time range (`startTime` inclusive, `endTime`
/// exclusive), resource id and resource type. The cursor is the feed position, so a client that
/// keeps the last `next` sees every later event exactly once.
pub async fn list_audit_events(State(s): State<AppState>, q: Query) -> Reply<AuditEventsPage> {
    let page = q.page()?;
    let start = time_param(&q, "startTime")?;
    let end = time_param(&q, "endTime")?;
    let filter = AuditFilter {
        start_ms: start,
        end_ms: end,
        resource_id: q.get("resourceId").filter(|v| !v.is_empty()).map(str::to_string),
        resource_type: q.get("resourceType").filter(|v| !v.is_empty()).map(str::to_string),
    };
    let (events, has_more, total) = store::audit_page(&s.db.pool, &filter, page.after, page.count).await?;
    let last_seq = events.last().map_or(page.after, |(seq, _)| *seq);
    let items: Vec<AuditEvent> = events.into_iter().map(|(_, e)| e).collect();
    let pagination = segsync_api::types::Pagination {
        current: encode_cursor(page.after),
        // Unlike other lists, `next` is given whenever the page holds events (not only when more
        // are known to exist): a follower keeps the last `next` and polls it for new events. An
        // empty page has `next: null`, so list-everything clients still stop.
        next: (has_more || last_seq > page.after).then(|| encode_cursor(last_seq)),
        previous: None,
        total_entries: u64::try_from(total).ok(),
    };
    ok(AuditEventsPage { items, pagination: Some(pagination) })
}
