//! Warehouses, source↔warehouse connections, and the profiles warehouses of spaces.
//! A warehouse's name lives in `settings.name` (the wire object has no name field); its
//! `password` setting is never returned.
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

pub const RESOURCE: &str = segsync_api::audit::resource_type::WAREHOUSE;
pub const PROFILES: &str = segsync_api::audit::resource_type::PROFILES_WAREHOUSE;
pub(crate) const HIDDEN: &[&str] = segsync_api::mask::WAREHOUSE_NEVER_RETURNED;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WarehouseRec {
    pub id: String,
    pub metadata_id: String,
    pub enabled: bool,
    pub settings: Settings,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionRec {
    pub source_id: String,
    pub warehouse_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesRec {
    pub id: String,
    pub space_id: String,
    pub metadata_id: String,
    pub enabled: bool,
    pub settings: Settings,
    pub schema_name: Option<String>,
}

pub(crate) fn masked_settings(settings: &Settings, meta: &WarehouseMetadata) -> Settings {
    secrets::masked(settings, &secrets::secret_names(&meta.options), HIDDEN)
}

pub fn render_warehouse(rec: WarehouseRec, cat: &Catalog, workspace_id: &str) -> Warehouse {
    let metadata = cat.warehouse(&rec.metadata_id).cloned().unwrap_or_default();
    Warehouse {
        settings: masked_settings(&rec.settings, &metadata),
        id: rec.id,
        metadata,
        workspace_id: workspace_id.to_string(),
        enabled: rec.enabled,
    }
}

pub(crate) fn render_profiles(rec: ProfilesRec, cat: &Catalog, workspace_id: &str) -> ProfilesWarehouse {
    let metadata = cat.warehouse(&rec.metadata_id).cloned().unwrap_or_default();
    ProfilesWarehouse {
        settings: masked_settings(&rec.settings, &metadata),
        id: rec.id,
        space_id: rec.space_id,
        metadata,
        workspace_id: workspace_id.to_string(),
        enabled: rec.enabled,
        schema_name: rec.schema_name,
    }
}

pub(crate) fn name_of(settings: &Settings) -> String {
    settings.get("name").and_then(Value::as_str).unwrap_or_default().to_string()
}

pub(crate) fn metadata<'a>(cat: &'a Catalog, id: &str) -> AppResult<&'a WarehouseMetadata> {
    cat.warehouse(id).ok_or_else(|| AppError::invalid("metadataId", format!("'metadataId' is not a warehouse in the catalog: '{id}'")))
}

pub(crate) fn apply_name(settings: &mut Settings, name: Option<Option<String>>) {
    match name {
        Some(Some(n)) => {
            settings.insert("name".into(), Value::String(n));
        }
        Some(None) => {
            settings.remove("name");
        }
        None => {}
    }
}

pub async fn create_warehouse(tx: &mut Tx, cat: &Catalog, input: CreateWarehouseInput) -> AppResult<WarehouseRec> {
    let meta = metadata(cat, &input.metadata_id)?;
    let mut settings = secrets::initial(&input.settings);
    secrets::generate_defaults(&mut settings, &meta.options, &Settings::new());
    validate::no_masked("settings", &settings)?;
    apply_name(&mut settings, input.name.map(Some));
    let rec = WarehouseRec { id: ids::base58(&mut tx.rng), metadata_id: meta.id.clone(), enabled: input.enabled.unwrap_or(true), settings };
    tx.insert(&rec).await?;
    tx.audit("Storage Destination Created", super::events::rt::WAREHOUSES, &rec.id, &name_of(&rec.settings)).await?;
    Ok(rec)
}

pub async fn update_warehouse(tx: &mut Tx, cat: &Catalog, id: &str, input: UpdateWarehouseInput) -> AppResult<WarehouseRec> {
    let mut rec: WarehouseRec = tx.must(kind::WAREHOUSE, id, RESOURCE).await?;
    let was = rec.enabled;
    let meta = cat.warehouse(&rec.metadata_id).cloned().unwrap_or_default();
    secrets::merge(&mut rec.settings, &input.settings, &secrets::secret_names(&meta.options));
    secrets::generate_defaults(&mut rec.settings, &meta.options, &input.settings);
    validate::no_masked("settings", &rec.settings)?;
    apply_name(&mut rec.settings, input.name);
    if let Some(e) = input.enabled {
        rec.enabled = e;
    }
    tx.put(&rec).await?;
    tx.audit(
        &toggled("Storage Destination", was, rec.enabled, "Storage Destination Modified"),
        super::events::rt::WAREHOUSES,
        id,
        &name_of(&rec.settings),
    )
    .await?;
    Ok(rec)
}

pub async fn delete_warehouse(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: WarehouseRec = tx.must(kind::WAREHOUSE, id, RESOURCE).await?;
    for c in tx.by_ref::<ConnectionRec>(kind::CONNECTION, id).await? {
        disconnect_source(tx, id, &c.source_id).await?;
    }
    tx.delete(kind::WAREHOUSE, id).await?;
    tx.audit("Storage Destination Deleted", super::events::rt::WAREHOUSES, id, &name_of(&rec.settings)).await?;
    Ok(())
}

pub fn connection_id(source: &str, warehouse: &str) -> String {
    format!("{source}:{warehouse}")
}

pub async fn connect_source(tx: &mut Tx, warehouse: &str, source: &str) -> AppResult<()> {
    if !tx.exists(kind::WAREHOUSE, warehouse).await? {
        return Err(AppError::missing_ref("warehouseId", RESOURCE, warehouse));
    }
    if !tx.exists(kind::SOURCE, source).await? {
        return Err(AppError::missing_ref("sourceId", "Source", source));
    }
    let id = connection_id(source, warehouse);
    if tx.exists(kind::CONNECTION, &id).await? {
        return Ok(());
    }
    let rec = ConnectionRec { source_id: source.to_string(), warehouse_id: warehouse.to_string() };
    tx.insert(&rec).await?;
    // AddConnectionFromSourceToWarehouse: "Storage Destination Modified" (api_warehouses.go:42).
    let w: WarehouseRec = tx.must(kind::WAREHOUSE, warehouse, "Warehouse").await?;
    tx.audit("Storage Destination Modified", super::events::rt::WAREHOUSES, warehouse, &name_of(&w.settings)).await?;
    Ok(())
}

/// Removes a connection; removing one that does not exist is a 404.
pub async fn disconnect_source(tx: &mut Tx, warehouse: &str, source: &str) -> AppResult<()> {
    let id = connection_id(source, warehouse);
    if !tx.delete(kind::CONNECTION, &id).await? {
        return Err(AppError::not_found("Source Warehouse Connection", &id));
    }
    // The SDK names no event for RemoveSourceConnectionFromWarehouse; the twin reports it as
    // adding one is reported.
    if let Some(w) = tx.get::<WarehouseRec>(kind::WAREHOUSE, warehouse).await? {
        tx.audit("Storage Destination Modified", super::events::rt::WAREHOUSES, warehouse, &name_of(&w.settings)).await?;
    }
    Ok(())
}

pub(crate) fn check_space(cat: &Catalog, space: &str) -> AppResult<()> {
    if !cat.spaces.iter().any(|s| s == space) {
        return Err(AppError::not_found("Space", space));
    }
    Ok(())
}

pub(crate) async fn profiles_in(tx: &mut Tx, space: &str, id: &str) -> AppResult<ProfilesRec> {
    match tx.get::<ProfilesRec>(kind::PROFILES_WAREHOUSE, id).await? {
        Some(p) if p.space_id == space => Ok(p),
        _ => Err(AppError::not_found(PROFILES, id)),
    }
}

pub async fn create_profiles_warehouse(
    tx: &mut Tx,
    cat: &Catalog,
    space: &str,
    input: CreateProfilesWarehouseInput,
) -> AppResult<ProfilesRec> {
    check_space(cat, space)?;
    let meta = metadata(cat, &input.metadata_id)?;
    let mut settings = secrets::initial(&input.settings);
    secrets::generate_defaults(&mut settings, &meta.options, &Settings::new());
    validate::no_masked("settings", &settings)?;
    apply_name(&mut settings, input.name.map(Some));
    let rec = ProfilesRec {
        id: ids::base58(&mut tx.rng),
        space_id: space.to_string(),
        metadata_id: meta.id.clone(),
        enabled: input.enabled.unwrap_or(true),
        settings,
        schema_name: input.schema_name,
    };
    tx.insert(&rec).await?;
    tx.audit("Profiles Sync Warehouse Created", super::events::rt::PROFILES_SYNC_WAREHOUSES, &rec.id, &name_of(&rec.settings)).await?;
    Ok(rec)
}

pub async fn update_profiles_warehouse(
    tx: &mut Tx,
    cat: &Catalog,
    space: &str,
    id: &str,
    input: UpdateProfilesWarehouseInput,
) -> AppResult<ProfilesRec> {
    check_space(cat, space)?;
    let mut rec = profiles_in(tx, space, id).await?;
    let was = rec.enabled;
    let meta = cat.warehouse(&rec.metadata_id).cloned().unwrap_or_default();
    secrets::merge(&mut rec.settings, &input.settings, &secrets::secret_names(&meta.options));
    secrets::generate_defaults(&mut rec.settings, &meta.options, &input.settings);
    validate::no_masked("settings", &rec.settings)?;
    apply_name(&mut rec.settings, input.name.map(Some));
    if let Some(e) = input.enabled {
        rec.enabled = e;
    }
    if let Some(s) = input.schema_name {
        rec.schema_name = Some(s);
    }
    tx.put(&rec).await?;
    tx.audit(
        &toggled("Profiles Sync Warehouse", was, rec.enabled, "Profiles Sync Warehouse Updated"),
        super::events::rt::PROFILES_SYNC_WAREHOUSES,
        id,
        &name_of(&rec.settings),
    )
    .await?;
    Ok(rec)
}

pub async fn delete_profiles_warehouse(tx: &mut Tx, cat: &Catalog, space: &str, id: &str) -> AppResult<()> {
    check_space(cat, space)?;
    let rec = profiles_in(tx, space, id).await?;
    tx.delete(kind::PROFILES_WAREHOUSE, id).await?;
    tx.audit("Profiles Sync Warehouse Deleted", super::events::rt::PROFILES_SYNC_WAREHOUSES, id, &name_of(&rec.settings)).await?;
    Ok(())
}

impl Record for WarehouseRec {
    const KIND: &'static str = kind::WAREHOUSE;
    fn keys(&self) -> Keys {
        Keys::id(&self.id)
    }
}

/// A source's connection to a warehouse: listed under the source, found by the warehouse.
impl Record for ConnectionRec {
    const KIND: &'static str = kind::CONNECTION;
    fn keys(&self) -> Keys {
        Keys::id(connection_id(&self.source_id, &self.warehouse_id)).parent(&self.source_id).reference(&self.warehouse_id)
    }
}

/// A profiles warehouse is listed under its space.
impl Record for ProfilesRec {
    const KIND: &'static str = kind::PROFILES_WAREHOUSE;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).parent(&self.space_id)
    }
}
