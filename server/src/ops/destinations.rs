//! Destinations, their filters and their (action) subscriptions.
//! Operations and records; the HTTP handlers are in `routes`.
use super::events::toggled;
use segsync_api::types::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::ids;
use crate::secrets;
use crate::store::{kind, Tx};
use crate::store::{Keys, Record};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::DESTINATION;
pub const FILTER: &str = segsync_api::audit::resource_type::DESTINATION_FILTER;
pub const SUBSCRIPTION: &str = segsync_api::audit::resource_type::DESTINATION_SUBSCRIPTION;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRec {
    pub id: String,
    pub name: Option<String>,
    pub enabled: bool,
    pub metadata_id: String,
    pub source_id: String,
    pub settings: Settings,
}

pub fn render(rec: DestinationRec, cat: &Catalog) -> Destination {
    let metadata = cat.destination(&rec.metadata_id).cloned().unwrap_or_default();
    let secret = secrets::secret_names(&metadata.options);
    Destination {
        settings: secrets::masked(&rec.settings, &secret, &[]),
        id: rec.id,
        name: rec.name,
        enabled: rec.enabled,
        metadata,
        source_id: rec.source_id,
    }
}

pub(crate) fn display_name(rec: &DestinationRec, cat: &Catalog) -> String {
    rec.name.clone().unwrap_or_else(|| cat.destination(&rec.metadata_id).map(|m| m.name.clone()).unwrap_or_default())
}

pub async fn create_destination(tx: &mut Tx, cat: &Catalog, input: CreateDestinationInput) -> AppResult<DestinationRec> {
    let meta = cat.destination(&input.metadata_id).ok_or_else(|| {
        AppError::invalid("metadataId", format!("'metadataId' is not a destination in the catalog: '{}'", input.metadata_id))
    })?;
    if !tx.exists(kind::SOURCE, &input.source_id).await? {
        return Err(AppError::missing_ref("sourceId", "Source", &input.source_id));
    }
    let mut settings = secrets::initial(&input.settings);
    secrets::generate_defaults(&mut settings, &meta.options, &Settings::new());
    validate::no_masked("settings", &settings)?;
    let rec = DestinationRec {
        id: ids::hex24(&mut tx.rng),
        name: input.name,
        enabled: input.enabled.unwrap_or(false),
        metadata_id: meta.id.clone(),
        source_id: input.source_id,
        settings,
    };
    tx.insert(&rec).await?;
    tx.audit("Integration Created", super::events::rt::INTEGRATIONS, &rec.id, &display_name(&rec, cat)).await?;
    Ok(rec)
}

pub async fn update_destination(tx: &mut Tx, cat: &Catalog, id: &str, input: UpdateDestinationInput) -> AppResult<DestinationRec> {
    let mut rec: DestinationRec = tx.must(kind::DESTINATION, id, RESOURCE).await?;
    let was = rec.enabled;
    if let Some(name) = input.name {
        rec.name = name;
    }
    if let Some(e) = input.enabled {
        rec.enabled = e;
    }
    if let Some(settings) = input.settings {
        let meta = cat.destination(&rec.metadata_id).cloned().unwrap_or_default();
        secrets::merge(&mut rec.settings, &settings, &secrets::secret_names(&meta.options));
        secrets::generate_defaults(&mut rec.settings, &meta.options, &settings);
        validate::no_masked("settings", &rec.settings)?;
    }
    tx.put(&rec).await?;
    tx.audit(
        &toggled("Integration", was, rec.enabled, "Integration Modified"),
        super::events::rt::INTEGRATIONS,
        id,
        &display_name(&rec, cat),
    )
    .await?;
    Ok(rec)
}

/// Deletes a destination with its filters, subscriptions and insert-function instances.
pub async fn delete_destination(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: DestinationRec = tx.must(kind::DESTINATION, id, RESOURCE).await?;
    for f in tx.children::<DestinationFilter>(kind::FILTER, id).await? {
        delete_filter_of(tx, id, &f.id).await?;
    }
    for sub in tx.children::<DestinationSubscription>(kind::SUBSCRIPTION, id).await? {
        delete_subscription_of(tx, id, &sub.id).await?;
    }
    for inst in tx.by_ref::<super::functions::InstanceRec>(kind::INSERT_FUNCTION_INSTANCE, id).await? {
        super::functions::delete_instance_of(tx, &inst.instance.id).await?;
    }
    tx.delete(kind::DESTINATION, id).await?;
    tx.audit("Integration Deleted", super::events::rt::INTEGRATIONS, id, rec.name.as_deref().unwrap_or(&rec.metadata_id)).await?;
    Ok(())
}

// ---------------------------------------------------------------- filters

pub(crate) const FILTER_ACTIONS: &[&str] = &["ALLOW_PROPERTIES", "DROP", "DROP_PROPERTIES", "SAMPLE"];

pub(crate) fn check_actions(actions: &[FilterAction]) -> AppResult<()> {
    if actions.is_empty() {
        return Err(AppError::invalid("actions", "'actions' must hold at least one action"));
    }
    validate::at_most("actions", actions, validate::MAX_LIST)?;
    for (i, a) in actions.iter().enumerate() {
        let f = |name: &str| format!("actions[{i}].{name}");
        validate::one_of(&f("type"), &a.kind, FILTER_ACTIONS)?;
        let forbid = |present: bool, name: &str| -> AppResult<()> {
            if present {
                return Err(AppError::invalid(f(name), format!("a {} action may not have '{name}'", a.kind)));
            }
            Ok(())
        };
        match a.kind.as_str() {
            "DROP" => {
                forbid(a.fields.is_some(), "fields")?;
                forbid(a.path.is_some(), "path")?;
                forbid(a.percent.is_some(), "percent")?;
            }
            "SAMPLE" => {
                forbid(a.fields.is_some(), "fields")?;
                match a.percent {
                    Some(p) if (0.0..=1.0).contains(&p) => {}
                    _ => return Err(AppError::invalid(f("percent"), "a SAMPLE action needs 'percent' from 0 to 1")),
                }
            }
            _ => {
                forbid(a.path.is_some(), "path")?;
                forbid(a.percent.is_some(), "percent")?;
                if a.fields.is_none() {
                    return Err(AppError::invalid(f("fields"), format!("a {} action needs 'fields'", a.kind)));
                }
            }
        }
    }
    Ok(())
}

pub(crate) async fn filter_in(tx: &mut Tx, dest: &str, id: &str) -> AppResult<DestinationFilter> {
    match tx.get::<DestinationFilter>(kind::FILTER, id).await? {
        Some(f) if f.destination_id == dest => Ok(f),
        _ => Err(AppError::not_found(FILTER, id)),
    }
}

pub async fn create_filter_for(tx: &mut Tx, dest: &str, input: CreateFilterInput) -> AppResult<DestinationFilter> {
    let d: DestinationRec = tx.must(kind::DESTINATION, dest, RESOURCE).await?;
    validate::not_blank("if", &input.condition)?;
    validate::not_blank("title", &input.title)?;
    check_actions(&input.actions)?;
    if !tx.exists(kind::SOURCE, &input.source_id).await? {
        return Err(AppError::missing_ref("sourceId", "Source", &input.source_id));
    }
    if input.source_id != d.source_id {
        return Err(AppError::invalid(
            "sourceId",
            format!("'sourceId' must be the destination's source '{}', got '{}'", d.source_id, input.source_id),
        ));
    }
    let now = tx.now_rfc3339();
    let f = DestinationFilter {
        id: ids::ksuid(&mut tx.rng),
        source_id: input.source_id,
        destination_id: dest.to_string(),
        condition: input.condition,
        actions: input.actions,
        title: input.title,
        description: input.description,
        enabled: input.enabled,
        created_at: now.clone(),
        updated_at: now,
    };
    tx.insert(&f).await?;
    tx.audit("Destination Filter Created", super::events::rt::DESTINATION_FILTERS, &f.id, &f.title).await?;
    Ok(f)
}

pub async fn update_filter_of(tx: &mut Tx, dest: &str, id: &str, input: UpdateFilterInput) -> AppResult<DestinationFilter> {
    let mut f = filter_in(tx, dest, id).await?;
    let was = f.enabled;
    if let Some(c) = input.condition {
        validate::not_blank("if", &c)?;
        f.condition = c;
    }
    if let Some(a) = input.actions {
        check_actions(&a)?;
        f.actions = a;
    }
    if let Some(t) = input.title {
        validate::not_blank("title", &t)?;
        f.title = t;
    }
    if let Some(d) = input.description {
        f.description = d;
    }
    if let Some(e) = input.enabled {
        f.enabled = e;
    }
    f.updated_at = tx.now_rfc3339();
    tx.put(&f).await?;
    tx.audit(
        &toggled("Destination Filter", was, f.enabled, "Destination Filter Modified"),
        super::events::rt::DESTINATION_FILTERS,
        id,
        &f.title,
    )
    .await?;
    Ok(f)
}

pub async fn delete_filter_of(tx: &mut Tx, dest: &str, id: &str) -> AppResult<()> {
    let f = filter_in(tx, dest, id).await?;
    tx.delete(kind::FILTER, id).await?;
    tx.audit("Destination Filter Deleted", super::events::rt::DESTINATION_FILTERS, id, &f.title).await?;
    Ok(())
}

// ---------------------------------------------------------------- subscriptions

pub(crate) const STRATEGIES: &[&str] = &["PERIODIC", "SPECIFIC_DAYS", "CRON", "DBT_CLOUD", "MANUAL"];

pub(crate) fn check_schedule(s: &ReverseEtlSchedule) -> AppResult<()> {
    validate::one_of("reverseETLSchedule.strategy", &s.strategy, STRATEGIES)?;
    let need = |keys: &[&str]| -> AppResult<()> {
        let obj = s.config.as_ref().and_then(Value::as_object).ok_or_else(|| {
            AppError::invalid(
                "reverseETLSchedule.config",
                format!("a {} schedule needs a config object with {}", s.strategy, keys.join(", ")),
            )
        })?;
        for k in keys {
            if !obj.contains_key(*k) {
                return Err(AppError::invalid(
                    format!("reverseETLSchedule.config.{k}"),
                    format!("a {} schedule config needs '{k}'", s.strategy),
                ));
            }
        }
        Ok(())
    };
    match s.strategy.as_str() {
        "PERIODIC" => need(&["interval"]),
        "SPECIFIC_DAYS" => need(&["days", "hours", "timezone"]),
        "CRON" => need(&["spec", "timezone"]),
        "DBT_CLOUD" => need(&["jobId", "accountId"]),
        _ => match &s.config {
            None | Some(Value::Null) => Ok(()),
            Some(_) => Err(AppError::invalid("reverseETLSchedule.config", "a MANUAL schedule takes no config")),
        },
    }
}

pub(crate) async fn subscription_in(tx: &mut Tx, dest: &str, id: &str) -> AppResult<DestinationSubscription> {
    match tx.get::<DestinationSubscription>(kind::SUBSCRIPTION, id).await? {
        Some(s) if s.destination_id == dest => Ok(s),
        _ => Err(AppError::not_found(SUBSCRIPTION, id)),
    }
}

pub async fn create_subscription_for(
    tx: &mut Tx,
    cat: &Catalog,
    dest: &str,
    input: CreateSubscriptionInput,
) -> AppResult<DestinationSubscription> {
    let d: DestinationRec = tx.must(kind::DESTINATION, dest, RESOURCE).await?;
    validate::not_blank("name", &input.name)?;
    validate::not_blank("trigger", &input.trigger)?;
    let action = cat.action(&d.metadata_id, &input.action_id).ok_or_else(|| {
        AppError::invalid("actionId", format!("'actionId' is not an action of this destination's catalog entry: '{}'", input.action_id))
    })?;
    if let Some(m) = input.model_id.as_deref() {
        if !tx.exists(kind::REVERSE_ETL_MODEL, m).await? {
            return Err(AppError::missing_ref("modelId", "Reverse ETL Model", m));
        }
    }
    if let Some(s) = &input.reverse_etl_schedule {
        check_schedule(s)?;
    }
    let sub = DestinationSubscription {
        id: ids::base58(&mut tx.rng),
        name: input.name,
        action_id: action.id.clone(),
        action_slug: action.slug.clone(),
        destination_id: dest.to_string(),
        enabled: input.enabled,
        settings: secrets::initial(&input.settings.unwrap_or_default()),
        trigger: input.trigger,
        model_id: input.model_id,
        reverse_etl_schedule: input.reverse_etl_schedule,
    };
    tx.insert(&sub).await?;
    tx.audit("Destination Subscription Created", super::events::rt::DESTINATION_SUBSCRIPTIONS, &sub.id, &sub.name).await?;
    Ok(sub)
}

pub async fn update_subscription_of(tx: &mut Tx, dest: &str, id: &str, input: SubscriptionUpdate) -> AppResult<DestinationSubscription> {
    let mut sub = subscription_in(tx, dest, id).await?;
    let was = sub.enabled;
    if let Some(n) = input.name {
        validate::not_blank("input.name", &n)?;
        sub.name = n;
    }
    if let Some(t) = input.trigger {
        validate::not_blank("input.trigger", &t)?;
        sub.trigger = t;
    }
    if let Some(e) = input.enabled {
        sub.enabled = e;
    }
    if let Some(settings) = input.settings {
        secrets::merge(&mut sub.settings, &settings, &[]);
    }
    if let Some(m) = input.reverse_etl_model_id {
        if !tx.exists(kind::REVERSE_ETL_MODEL, &m).await? {
            return Err(AppError::missing_ref("input.reverseETLModelId", "Reverse ETL Model", &m));
        }
        sub.model_id = Some(m);
    }
    if let Some(s) = input.reverse_etl_schedule {
        check_schedule(&s)?;
        sub.reverse_etl_schedule = Some(s);
    }
    tx.put(&sub).await?;
    tx.audit(
        &toggled("Destination Subscription", was, sub.enabled, "Destination Subscription Modified"),
        super::events::rt::DESTINATION_SUBSCRIPTIONS,
        id,
        &sub.name,
    )
    .await?;
    Ok(sub)
}

pub async fn delete_subscription_of(tx: &mut Tx, dest: &str, id: &str) -> AppResult<()> {
    let sub = subscription_in(tx, dest, id).await?;
    tx.delete(kind::SUBSCRIPTION, id).await?;
    tx.audit("Destination Subscription Deleted", super::events::rt::DESTINATION_SUBSCRIPTIONS, id, &sub.name).await?;
    Ok(())
}

/// A destination is found by its source.
impl Record for DestinationRec {
    const KIND: &'static str = kind::DESTINATION;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).reference(&self.source_id)
    }
}

/// A filter is listed under its destination and found by its source.
impl Record for DestinationFilter {
    const KIND: &'static str = kind::FILTER;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).parent(&self.destination_id).reference(&self.source_id)
    }
}

/// A subscription is listed under its destination and found by its reverse-ETL model.
impl Record for DestinationSubscription {
    const KIND: &'static str = kind::SUBSCRIPTION;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).parent(&self.destination_id).reference(self.model_id.as_deref().unwrap_or(""))
    }
}
