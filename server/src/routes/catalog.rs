//! The workspace, the integration catalog, and the audit-event change feed.

use axum::extract::{Path, State};
use segsync_api::data::*;
use segsync_api::types::AuditEvent;
use sqlx::Row;

use super::{ok, Reply};
use crate::error::AppError;
use crate::extract::{encode_cursor, page_vec, Query};
use crate::ids;
use crate::state::AppState;

pub async fn get_workspace(State(s): State<AppState>) -> Reply<WorkspaceData> {
    ok(WorkspaceData { item: (*s.workspace).clone() })
}

pub async fn sources_catalog(State(s): State<AppState>, q: Query) -> Reply<SourcesCatalogPage> {
    let (items, p) = page_vec(&s.catalog.sources, q.page()?);
    ok(SourcesCatalogPage { items, pagination: Some(p) })
}

pub async fn source_metadata(State(s): State<AppState>, Path(id): Path<String>) -> Reply<SourceMetadataData> {
    let m = s.catalog.source(&id).ok_or_else(|| AppError::not_found("Source metadata", &id))?;
    ok(SourceMetadataData { item: m.clone() })
}

pub async fn destinations_catalog(State(s): State<AppState>, q: Query) -> Reply<DestinationsCatalogPage> {
    let (items, p) = page_vec(&s.catalog.destinations, q.page()?);
    ok(DestinationsCatalogPage { items, pagination: Some(p) })
}

pub async fn destination_metadata(State(s): State<AppState>, Path(id): Path<String>) -> Reply<DestinationMetadataData> {
    let m = s.catalog.destination(&id).ok_or_else(|| AppError::not_found("Destination metadata", &id))?;
    ok(DestinationMetadataData { item: m.clone() })
}

pub async fn warehouses_catalog(State(s): State<AppState>, q: Query) -> Reply<WarehousesCatalogPage> {
    let (items, p) = page_vec(&s.catalog.warehouses, q.page()?);
    ok(WarehousesCatalogPage { items, pagination: Some(p) })
}

pub async fn warehouse_metadata(State(s): State<AppState>, Path(id): Path<String>) -> Reply<WarehouseMetadataData> {
    let m = s.catalog.warehouse(&id).ok_or_else(|| AppError::not_found("Warehouse metadata", &id))?;
    ok(WarehouseMetadataData { item: m.clone() })
}

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
    let resource_id = q.get("resourceId").filter(|v| !v.is_empty()).map(str::to_string);
    let resource_type = q.get("resourceType").filter(|v| !v.is_empty()).map(str::to_string);

    let mut filter = String::from(" WHERE 1=1");
    if start.is_some() {
        filter.push_str(" AND ts_ms >= ?");
    }
    if end.is_some() {
        filter.push_str(" AND ts_ms < ?");
    }
    if resource_id.is_some() {
        filter.push_str(" AND resource_id = ?");
    }
    if resource_type.is_some() {
        filter.push_str(" AND resource_type = ?");
    }
    let rows_sql = format!(
        "SELECT seq, id, timestamp, type, actor, actor_email, resource_id, resource_type, resource_name FROM audit_events{filter} AND seq > ? ORDER BY seq LIMIT ?"
    );
    let count_sql = format!("SELECT COUNT(*) FROM audit_events{filter}");

    let mut rows_q = sqlx::query(&rows_sql);
    let mut count_q = sqlx::query_scalar::<_, i64>(&count_sql);
    for v in [start, end].into_iter().flatten() {
        rows_q = rows_q.bind(v);
        count_q = count_q.bind(v);
    }
    for v in [&resource_id, &resource_type].into_iter().flatten() {
        rows_q = rows_q.bind(v.clone());
        count_q = count_q.bind(v.clone());
    }
    let rows = rows_q.bind(page.after).bind(page.count + 1).fetch_all(&s.db.pool).await?;
    let total = count_q.fetch_one(&s.db.pool).await?;

    let has_more = rows.len() as i64 > page.count;
    let mut last_seq = page.after;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows.into_iter().take(page.count as usize) {
        last_seq = r.get("seq");
        items.push(AuditEvent {
            id: r.get("id"),
            timestamp: r.get("timestamp"),
            kind: r.get("type"),
            actor: r.get("actor"),
            actor_email: r.get("actor_email"),
            resource_id: r.get("resource_id"),
            resource_type: r.get("resource_type"),
            resource_name: r.get("resource_name"),
        });
    }
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
