//! Tracking plans, their rules, and their source connections.
//! HTTP handlers; the operations are in `ops`.

use super::{done, list_page, ok, Reply};
use crate::auth::Caller;
use crate::error::AppError;
use crate::extract::{page_vec, Body, Query};
use crate::ops::change;
use crate::ops::tracking_plans::*;
use crate::records::{render_source, SourceRec, TrackingPlanSourceRec};
use crate::state::AppState;
use crate::store::kind;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<TrackingPlansPage> {
    let (items, p) = list_page(&s, kind::TRACKING_PLAN, None, &q, |r: TrackingPlanRec| r.plan).await?;
    ok(TrackingPlansPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateTrackingPlanInput>,
) -> Reply<TrackingPlanData> {
    let rec = change(&s, c.actor, async |tx| create_tracking_plan(tx, input).await).await?;
    ok(TrackingPlanData { item: rec.plan })
}

pub async fn get(State(s): State<AppState>, Path(id): Path<String>) -> Reply<TrackingPlanData> {
    let rec: TrackingPlanRec = s.db.read().await?.must(kind::TRACKING_PLAN, &id, RESOURCE).await?;
    ok(TrackingPlanData { item: rec.plan })
}

pub async fn update(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateTrackingPlanInput>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| update_tracking_plan(tx, &id, input).await).await?;
    done()
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_tracking_plan(tx, &id).await).await?;
    done()
}

pub async fn list_rules(State(s): State<AppState>, Path(id): Path<String>, q: Query) -> Reply<RulesPage> {
    let page = q.page()?;
    let rec: TrackingPlanRec = s.db.read().await?.must(kind::TRACKING_PLAN, &id, RESOURCE).await?;
    let (items, p) = page_vec(&rec.rules, page);
    ok(RulesPage { items, pagination: Some(p) })
}

pub async fn replace_rules(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<ReplaceRulesInput>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| replace_plan_rules(tx, &id, input.rules).await).await?;
    done()
}

pub async fn list_sources(State(s): State<AppState>, Path(id): Path<String>, q: Query) -> Reply<SourcesPage> {
    let page = q.page()?;
    let mut tx = s.db.read().await?;
    if !tx.exists(kind::TRACKING_PLAN, &id).await? {
        return Err(AppError::not_found(RESOURCE, &id));
    }
    let links: Vec<TrackingPlanSourceRec> = tx.children(kind::TRACKING_PLAN_SOURCE, &id).await?;
    let mut sources = Vec::with_capacity(links.len());
    for l in links {
        if let Some(src) = tx.get::<SourceRec>(kind::SOURCE, &l.source_id).await? {
            sources.push(render_source(src, &s.catalog, &s.workspace.id));
        }
    }
    let (items, p) = page_vec(&sources, page);
    ok(SourcesPage { items, pagination: Some(p) })
}

pub async fn add_source(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<AddSourceToTrackingPlanInput>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| add_source_to_plan(tx, &id, &input.source_id).await).await?;
    done()
}

pub async fn remove_source(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    q: Query,
) -> Reply<StatusData> {
    let source = q
        .get("sourceId")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| AppError::invalid("sourceId", "the 'sourceId' query parameter is required"))?
        .to_string();
    change(&s, c.actor, async |tx| remove_source_from_plan(tx, &id, &source).await).await?;
    done()
}
