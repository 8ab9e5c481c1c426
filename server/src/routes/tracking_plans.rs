//! Tracking plans, their rules, and their source connections.

use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;
use serde::{Deserialize, Serialize};

use super::{done, list_page, ok, Reply};
use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::extract::{page_vec, Body, Query};
use crate::ids;
use crate::records::{render_source, SourceRec, TrackingPlanSourceRec};
use crate::state::AppState;
use crate::store::{kind, Tx};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::TRACKING_PLAN;
pub const CONNECTION: &str = segsync_api::audit::resource_type::SOURCE_TRACKING_PLAN_CONNECTION;
const TYPES: &[&str] = &["LIVE", "PROPERTY_LIBRARY", "RULE_LIBRARY", "TEMPLATE"];
const RULE_TYPES: &[&str] = &["COMMON", "GROUP", "IDENTIFY", "PAGE", "SCREEN", "TRACK"];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrackingPlanRec {
    pub plan: TrackingPlan,
    pub rules: Vec<Rule>,
}

fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn name_of(p: &TrackingPlan) -> String {
    p.name.clone().unwrap_or_default()
}

pub async fn create_tracking_plan(tx: &mut Tx, input: CreateTrackingPlanInput) -> AppResult<TrackingPlanRec> {
    validate::not_blank("name", &input.name)?;
    validate::one_of("type", &input.kind, TYPES)?;
    let now = tx.now_rfc3339();
    let plan = TrackingPlan {
        id: ids::tracking_plan(&mut tx.rng),
        slug: Some(slugify(&input.name)),
        name: Some(input.name),
        description: input.description,
        kind: input.kind,
        updated_at: Some(now.clone()),
        created_at: Some(now),
    };
    let rec = TrackingPlanRec { plan, rules: vec![] };
    tx.insert(kind::TRACKING_PLAN, &rec.plan.id, "", "", &rec).await?;
    tx.audit(&format!("{RESOURCE} Created"), RESOURCE, &rec.plan.id, &name_of(&rec.plan)).await?;
    Ok(rec)
}

pub async fn update_tracking_plan(tx: &mut Tx, id: &str, input: UpdateTrackingPlanInput) -> AppResult<()> {
    let mut rec: TrackingPlanRec = tx.must(kind::TRACKING_PLAN, id, RESOURCE).await?;
    if let Some(n) = input.name {
        validate::not_blank("name", &n)?;
        rec.plan.slug = Some(slugify(&n));
        rec.plan.name = Some(n);
    }
    if input.description.is_some() {
        rec.plan.description = input.description;
    }
    rec.plan.updated_at = Some(tx.now_rfc3339());
    tx.put(kind::TRACKING_PLAN, id, None, &rec).await?;
    tx.audit(&format!("{RESOURCE} Modified"), RESOURCE, id, &name_of(&rec.plan)).await?;
    Ok(())
}

pub async fn delete_tracking_plan(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: TrackingPlanRec = tx.must(kind::TRACKING_PLAN, id, RESOURCE).await?;
    for c in tx.children::<TrackingPlanSourceRec>(kind::TRACKING_PLAN_SOURCE, id).await? {
        remove_source_from_plan(tx, id, &c.source_id).await?;
    }
    tx.delete(kind::TRACKING_PLAN, id).await?;
    tx.audit(&format!("{RESOURCE} Deleted"), RESOURCE, id, &name_of(&rec.plan)).await?;
    Ok(())
}

/// Replaces every rule; a rule that already existed with the same type, key and version keeps
/// its `createdAt`.
pub async fn replace_plan_rules(tx: &mut Tx, id: &str, rules: Vec<RuleInput>) -> AppResult<()> {
    validate::at_most("rules", &rules, validate::MAX_RULES)?;
    let mut rec: TrackingPlanRec = tx.must(kind::TRACKING_PLAN, id, RESOURCE).await?;
    let now = tx.now_rfc3339();
    let mut out = Vec::with_capacity(rules.len());
    for (i, r) in rules.into_iter().enumerate() {
        validate::one_of(&format!("rules[{i}].type"), &r.kind, RULE_TYPES)?;
        if !r.json_schema.is_object() {
            return Err(AppError::invalid(format!("rules[{i}].jsonSchema"), "'jsonSchema' must be a JSON Schema object"));
        }
        if !r.version.is_finite() || r.version < 1.0 {
            return Err(AppError::invalid(format!("rules[{i}].version"), "'version' must be a number of at least 1"));
        }
        let old = rec.rules.iter().find(|o| o.kind == r.kind && o.key == r.key && o.version == r.version);
        let unchanged = old.is_some_and(|o| o.json_schema == r.json_schema);
        out.push(Rule {
            created_at: Some(old.and_then(|o| o.created_at.clone()).unwrap_or_else(|| now.clone())),
            updated_at: Some(if unchanged { old.and_then(|o| o.updated_at.clone()).unwrap_or_else(|| now.clone()) } else { now.clone() }),
            deprecated_at: None,
            kind: r.kind,
            key: r.key,
            json_schema: r.json_schema,
            version: r.version,
        });
    }
    rec.rules = out;
    rec.plan.updated_at = Some(now);
    tx.put(kind::TRACKING_PLAN, id, None, &rec).await?;
    tx.audit(&format!("{RESOURCE} Modified"), RESOURCE, id, &name_of(&rec.plan)).await?;
    Ok(())
}

pub fn connection_id(source: &str, plan: &str) -> String {
    format!("{source}:{plan}")
}

pub async fn add_source_to_plan(tx: &mut Tx, plan: &str, source: &str) -> AppResult<()> {
    if !tx.exists(kind::TRACKING_PLAN, plan).await? {
        return Err(AppError::not_found(RESOURCE, plan));
    }
    if !tx.exists(kind::SOURCE, source).await? {
        return Err(AppError::missing_ref("sourceId", "Source", source));
    }
    let existing: Vec<TrackingPlanSourceRec> = tx.by_ref(kind::TRACKING_PLAN_SOURCE, source).await?;
    if let Some(e) = existing.first() {
        if e.tracking_plan_id == plan {
            return Ok(());
        }
        return Err(AppError::conflict(format!("source '{source}' is already connected to tracking plan '{}'", e.tracking_plan_id))
            .with_field("sourceId"));
    }
    let id = connection_id(source, plan);
    let rec = TrackingPlanSourceRec { tracking_plan_id: plan.to_string(), source_id: source.to_string() };
    tx.insert(kind::TRACKING_PLAN_SOURCE, &id, plan, source, &rec).await?;
    tx.audit(&format!("{CONNECTION} Created"), CONNECTION, &id, &id).await?;
    Ok(())
}

pub async fn remove_source_from_plan(tx: &mut Tx, plan: &str, source: &str) -> AppResult<()> {
    let id = connection_id(source, plan);
    if !tx.delete(kind::TRACKING_PLAN_SOURCE, &id).await? {
        return Err(AppError::not_found(CONNECTION, &id));
    }
    tx.audit(&format!("{CONNECTION} Deleted"), CONNECTION, &id, &id).await?;
    Ok(())
}

// ---------------------------------------------------------------- handlers

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<TrackingPlansPage> {
    let (items, p) = list_page(&s, kind::TRACKING_PLAN, None, &q, |r: TrackingPlanRec| r.plan).await?;
    ok(TrackingPlansPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateTrackingPlanInput>,
) -> Reply<TrackingPlanData> {
    let mut tx = s.db.write(c.actor).await?;
    let rec = create_tracking_plan(&mut tx, input).await?;
    tx.commit().await?;
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
    let mut tx = s.db.write(c.actor).await?;
    update_tracking_plan(&mut tx, &id, input).await?;
    tx.commit().await?;
    done()
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    delete_tracking_plan(&mut tx, &id).await?;
    tx.commit().await?;
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
    let mut tx = s.db.write(c.actor).await?;
    replace_plan_rules(&mut tx, &id, input.rules).await?;
    tx.commit().await?;
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
    let mut tx = s.db.write(c.actor).await?;
    add_source_to_plan(&mut tx, &id, &input.source_id).await?;
    tx.commit().await?;
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
    let mut tx = s.db.write(c.actor).await?;
    remove_source_from_plan(&mut tx, &id, &source).await?;
    tx.commit().await?;
    done()
}
