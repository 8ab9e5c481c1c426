//! Sources: CRUD, labels, schema settings, connected warehouses.
//! Operations and records; the HTTP handlers are in `routes`.
use super::events::toggled;
use segsync_api::types::*;

use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::ids;
use crate::records::{label_id, SourceRec, TrackingPlanSourceRec};
use crate::secrets;
use crate::store::{kind, Tx};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::SOURCE;

pub(crate) use crate::records::render_source as render;

pub(crate) async fn slug_taken(tx: &mut Tx, slug: &str, except: Option<&str>) -> AppResult<bool> {
    let same: Vec<SourceRec> = tx.by_ref(kind::SOURCE, slug).await?;
    Ok(same.iter().any(|s| Some(s.id.as_str()) != except))
}

pub async fn create_source(tx: &mut Tx, cat: &Catalog, input: CreateSourceInput) -> AppResult<SourceRec> {
    validate::slug("slug", &input.slug)?;
    let meta = cat
        .source(&input.metadata_id)
        .ok_or_else(|| AppError::invalid("metadataId", format!("'metadataId' is not a source in the catalog: '{}'", input.metadata_id)))?;
    let mut settings = secrets::initial(&input.settings.unwrap_or_default());
    secrets::generate_defaults(&mut settings, &meta.options, &Settings::new());
    validate::no_masked("settings", &settings)?;
    if slug_taken(tx, &input.slug, None).await? {
        return Err(AppError::conflict(format!("a source with slug '{}' already exists", input.slug)).with_field("slug"));
    }
    let id = ids::base58(&mut tx.rng);
    let rec = SourceRec {
        write_keys: vec![ids::write_key(&mut tx.rng)],
        id: id.clone(),
        name: input.name.filter(|n| !n.is_empty()).or_else(|| Some(meta.name.clone())),
        slug: input.slug,
        metadata_id: meta.id.clone(),
        enabled: input.enabled,
        settings,
        labels: vec![],
        schema_settings: SchemaSettings::default(),
    };
    tx.insert(&rec).await?;
    tx.audit("Source Created", super::events::rt::SOURCES, &id, &rec.slug).await?;
    Ok(rec)
}

pub async fn update_source(tx: &mut Tx, cat: &Catalog, id: &str, input: UpdateSourceInput) -> AppResult<SourceRec> {
    let mut rec: SourceRec = tx.must(kind::SOURCE, id, RESOURCE).await?;
    let was_enabled = rec.enabled;
    if let Some(slug) = input.slug {
        validate::slug("slug", &slug)?;
        if slug_taken(tx, &slug, Some(id)).await? {
            return Err(AppError::conflict(format!("a source with slug '{slug}' already exists")).with_field("slug"));
        }
        rec.slug = slug;
    }
    if let Some(name) = input.name {
        rec.name = Some(name);
    }
    if let Some(e) = input.enabled {
        rec.enabled = e;
    }
    if let Some(settings) = input.settings {
        let meta = cat.source(&rec.metadata_id).cloned().unwrap_or_default();
        secrets::merge(&mut rec.settings, &settings, &secrets::secret_names(&meta.options));
        secrets::generate_defaults(&mut rec.settings, &meta.options, &settings);
        validate::no_masked("settings", &rec.settings)?;
    }
    tx.put(&rec).await?;
    // UpdateSource: "Source Enabled", "Source Settings Modified", "Source Disabled" (api_sources.go).
    tx.audit(&toggled("Source", was_enabled, rec.enabled, "Source Settings Modified"), super::events::rt::SOURCES, id, &rec.slug).await?;
    Ok(rec)
}

/// Deletes a source and everything that cannot live without it, each with its own audit event.
pub async fn delete_source(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: SourceRec = tx.must(kind::SOURCE, id, RESOURCE).await?;
    let dests: Vec<super::destinations::DestinationRec> = tx.by_ref(kind::DESTINATION, id).await?;
    for d in dests {
        super::destinations::delete_destination(tx, &d.id).await?;
    }
    let conns: Vec<super::warehouses::ConnectionRec> = tx.children(kind::CONNECTION, id).await?;
    for c in conns {
        super::warehouses::disconnect_source(tx, &c.warehouse_id, id).await?;
    }
    let tps: Vec<TrackingPlanSourceRec> = tx.by_ref(kind::TRACKING_PLAN_SOURCE, id).await?;
    for t in tps {
        super::tracking_plans::remove_source_from_plan(tx, &t.tracking_plan_id, id).await?;
    }
    let trfs: Vec<Transformation> = tx.by_ref(kind::TRANSFORMATION, id).await?;
    for t in trfs {
        super::transformations::delete_transformation(tx, &t.id).await?;
    }
    let models: Vec<ReverseEtlModel> = tx.by_ref(kind::REVERSE_ETL_MODEL, id).await?;
    for m in models {
        super::transformations::delete_model(tx, &m.id).await?;
    }
    tx.delete(kind::SOURCE, id).await?;
    tx.audit("Source Deleted", super::events::rt::SOURCES, id, &rec.slug).await?;
    Ok(())
}

pub async fn replace_source_labels(tx: &mut Tx, id: &str, labels: Vec<Label>) -> AppResult<Vec<Label>> {
    validate::at_most("labels", &labels, validate::MAX_LIST)?;
    let mut rec: SourceRec = tx.must(kind::SOURCE, id, RESOURCE).await?;
    let mut out = Vec::with_capacity(labels.len());
    for (i, l) in labels.into_iter().enumerate() {
        let stored: Label = tx
            .get(kind::LABEL, &label_id(&l.key, &l.value))
            .await?
            .ok_or_else(|| AppError::missing_ref(&format!("labels[{i}]"), "Label", &format!("{}:{}", l.key, l.value)))?;
        if !out.contains(&stored) {
            out.push(stored);
        }
    }
    rec.labels = out.clone();
    tx.put(&rec).await?;
    tx.audit("Source Modified", super::events::rt::SOURCES, id, &rec.slug).await?;
    Ok(out)
}

pub(crate) fn merge_track(into: &mut Option<TrackSettings>, from: Option<TrackSettings>) {
    let Some(f) = from else { return };
    let t = into.get_or_insert_with(TrackSettings::default);
    macro_rules! take { ($($field:ident),*) => { $( if f.$field.is_some() { t.$field = f.$field; } )* } }
    take!(
        allow_unplanned_events,
        allow_unplanned_event_properties,
        allow_event_on_violations,
        allow_properties_on_violations,
        common_event_on_violations
    );
}

pub(crate) fn merge_traits(into: &mut Option<TraitSettings>, from: Option<TraitSettings>) {
    let Some(f) = from else { return };
    let t = into.get_or_insert_with(TraitSettings::default);
    macro_rules! take { ($($field:ident),*) => { $( if f.$field.is_some() { t.$field = f.$field; } )* } }
    take!(allow_unplanned_traits, allow_traits_on_violations, common_event_on_violations);
}

pub(crate) const VIOLATION_EVENTS: &[&str] = &["ALLOW", "BLOCK", "OMIT_PROPERTIES", "OMIT_TRAITS"];

pub async fn update_schema_settings_of(tx: &mut Tx, id: &str, input: SchemaSettings) -> AppResult<SchemaSettings> {
    let mut rec: SourceRec = tx.must(kind::SOURCE, id, RESOURCE).await?;
    if let Some(c) = input.track.as_ref().and_then(|t| t.common_event_on_violations.as_deref()) {
        validate::one_of("track.commonEventOnViolations", c, VIOLATION_EVENTS)?;
    }
    for (name, t) in [("identify", &input.identify), ("group", &input.group)] {
        if let Some(c) = t.as_ref().and_then(|t| t.common_event_on_violations.as_deref()) {
            validate::one_of(&format!("{name}.commonEventOnViolations"), c, VIOLATION_EVENTS)?;
        }
    }
    for (field, target) in
        [("forwardingViolationsTo", &input.forwarding_violations_to), ("forwardingBlockedEventsTo", &input.forwarding_blocked_events_to)]
    {
        if let Some(t) = target.as_deref().filter(|t| !t.is_empty()) {
            if !tx.exists(kind::SOURCE, t).await? {
                return Err(AppError::missing_ref(field, RESOURCE, t));
            }
        }
    }
    let s = &mut rec.schema_settings;
    merge_track(&mut s.track, input.track);
    merge_traits(&mut s.identify, input.identify);
    merge_traits(&mut s.group, input.group);
    if input.forwarding_violations_to.is_some() {
        s.forwarding_violations_to = input.forwarding_violations_to.filter(|v| !v.is_empty());
    }
    if input.forwarding_blocked_events_to.is_some() {
        s.forwarding_blocked_events_to = input.forwarding_blocked_events_to.filter(|v| !v.is_empty());
    }
    let out = rec.schema_settings.clone();
    tx.put(&rec).await?;
    tx.audit("Source Modified", super::events::rt::SOURCES, id, &rec.slug).await?;
    Ok(out)
}
