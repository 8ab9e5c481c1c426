//! Tracking plans, their rules, and their source connections.
//! Operations and records; the HTTP handlers are in `routes`.

use segsync_api::types::*;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::ids;
use crate::records::{plan_link_id, SourceRec, TrackingPlanSourceRec};
use crate::store::{kind, Tx};
use crate::store::{Keys, Record};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::TRACKING_PLAN;
pub(crate) const TYPES: &[&str] = &["LIVE", "PROPERTY_LIBRARY", "RULE_LIBRARY", "TEMPLATE"];
pub(crate) const RULE_TYPES: &[&str] = &["COMMON", "GROUP", "IDENTIFY", "PAGE", "SCREEN", "TRACK"];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrackingPlanRec {
    pub plan: TrackingPlan,
    pub rules: Vec<Rule>,
}

pub(crate) fn slugify(name: &str) -> String {
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

pub(crate) fn name_of(p: &TrackingPlan) -> String {
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
    tx.insert(&rec).await?;
    tx.audit("Tracking Plan Created", super::events::rt::TRACKING_PLANS, &rec.plan.id, &name_of(&rec.plan)).await?;
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
    tx.put(&rec).await?;
    tx.audit("Tracking Plan Modified", super::events::rt::TRACKING_PLANS, id, &name_of(&rec.plan)).await?;
    Ok(())
}

pub async fn delete_tracking_plan(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: TrackingPlanRec = tx.must(kind::TRACKING_PLAN, id, RESOURCE).await?;
    for c in tx.children::<TrackingPlanSourceRec>(kind::TRACKING_PLAN_SOURCE, id).await? {
        remove_source_from_plan(tx, id, &c.source_id).await?;
    }
    tx.delete(kind::TRACKING_PLAN, id).await?;
    tx.audit("Tracking Plan Deleted", super::events::rt::TRACKING_PLANS, id, &name_of(&rec.plan)).await?;
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
    tx.put(&rec).await?;
    tx.audit("Tracking Plan Modified", super::events::rt::TRACKING_PLANS, id, &name_of(&rec.plan)).await?;
    Ok(())
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
    let rec = TrackingPlanSourceRec { tracking_plan_id: plan.to_string(), source_id: source.to_string() };
    tx.insert(&rec).await?;
    // AddSourceToTrackingPlan: "Source Modified" (api_tracking_plans.go:51), on the source.
    let src: SourceRec = tx.must(kind::SOURCE, source, "Source").await?;
    tx.audit("Source Modified", super::events::rt::SOURCES, source, &src.slug).await?;
    Ok(())
}

pub async fn remove_source_from_plan(tx: &mut Tx, plan: &str, source: &str) -> AppResult<()> {
    let id = plan_link_id(source, plan);
    if !tx.delete(kind::TRACKING_PLAN_SOURCE, &id).await? {
        return Err(AppError::not_found("Source Tracking Plan Connection", &id));
    }
    // RemoveSourceFromTrackingPlan: "Source Modified" (api_tracking_plans.go:1508).
    if let Some(src) = tx.get::<SourceRec>(kind::SOURCE, source).await? {
        tx.audit("Source Modified", super::events::rt::SOURCES, source, &src.slug).await?;
    }
    Ok(())
}

impl Record for TrackingPlanRec {
    const KIND: &'static str = kind::TRACKING_PLAN;
    fn keys(&self) -> Keys {
        Keys::id(&self.plan.id)
    }
}
