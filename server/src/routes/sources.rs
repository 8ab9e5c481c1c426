//! Sources: CRUD, labels, schema settings, connected warehouses.
//! HTTP handlers; the operations are in `ops`.

use super::{created, done, list_page, ok, Created, Reply};
use crate::auth::Caller;
use crate::error::AppError;
use crate::extract::{pagination, Body, Query};
use crate::ops::change;
use crate::ops::sources::*;
use crate::ops::warehouses::{render_warehouse, WarehouseRec};
use crate::records::{SourceRec, TrackingPlanSourceRec};
use crate::state::AppState;
use crate::store::kind;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<SourcesPage> {
    let (items, p) = list_page(&s, kind::SOURCE, None, &q, |r: SourceRec| render(r, &s.catalog, &s.workspace.id)).await?;
    ok(SourcesPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateSourceInput>,
) -> Created<SourceUpdateData> {
    let rec = change(&s, c.actor, async |tx| create_source(tx, &s.catalog, input).await).await?;
    created(SourceUpdateData { item: render(rec, &s.catalog, &s.workspace.id) })
}

pub async fn get(State(s): State<AppState>, Path(id): Path<String>) -> Reply<SourceData> {
    let mut tx = s.db.read().await?;
    let rec: SourceRec = tx.must(kind::SOURCE, &id, RESOURCE).await?;
    let plans: Vec<TrackingPlanSourceRec> = tx.by_ref(kind::TRACKING_PLAN_SOURCE, &id).await?;
    ok(SourceData { source: render(rec, &s.catalog, &s.workspace.id), tracking_plan_id: plans.first().map(|p| p.tracking_plan_id.clone()) })
}

pub async fn update(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateSourceInput>,
) -> Reply<SourceUpdateData> {
    let rec = change(&s, c.actor, async |tx| update_source(tx, &s.catalog, &id, input).await).await?;
    ok(SourceUpdateData { item: render(rec, &s.catalog, &s.workspace.id) })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_source(tx, &id).await).await?;
    done()
}

pub async fn replace_labels(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<ReplaceLabelsInput>,
) -> Reply<LabelsData> {
    let labels = change(&s, c.actor, async |tx| replace_source_labels(tx, &id, input.labels).await).await?;
    ok(LabelsData { item: labels })
}

pub async fn get_schema_settings(State(s): State<AppState>, Path(id): Path<String>) -> Reply<SchemaSettingsData> {
    let mut tx = s.db.read().await?;
    let rec: SourceRec = tx.must(kind::SOURCE, &id, RESOURCE).await?;
    ok(SchemaSettingsData { source_id: id, settings: rec.schema_settings })
}

pub async fn update_schema_settings(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<SchemaSettings>,
) -> Reply<SchemaSettingsData> {
    let settings = change(&s, c.actor, async |tx| update_schema_settings_of(tx, &id, input).await).await?;
    ok(SchemaSettingsData { source_id: id, settings })
}

pub async fn connected_warehouses(State(s): State<AppState>, Path(id): Path<String>, q: Query) -> Reply<WarehousesPage> {
    let page = q.page()?;
    let mut tx = s.db.read().await?;
    if !tx.exists(kind::SOURCE, &id).await? {
        return Err(AppError::not_found(RESOURCE, &id));
    }
    let listed = tx.list::<crate::ops::warehouses::ConnectionRec>(kind::CONNECTION, Some(&id), page.after, page.count).await?;
    let prev = tx.previous_seq(kind::CONNECTION, Some(&id), page.after, page.count).await?;
    let next = listed.has_more.then(|| listed.rows.last().map(|r| r.seq)).flatten();
    let mut items = Vec::with_capacity(listed.rows.len());
    for r in listed.rows {
        if let Some(w) = tx.get::<WarehouseRec>(kind::WAREHOUSE, &r.body.warehouse_id).await? {
            items.push(render_warehouse(w, &s.catalog, &s.workspace.id));
        }
    }
    ok(WarehousesPage { items, pagination: Some(pagination(page, next, prev, listed.total)) })
}
