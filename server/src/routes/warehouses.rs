//! Warehouses, source↔warehouse connections, and the profiles warehouses of spaces.
//! A warehouse's name lives in `settings.name` (the wire object has no name field); its
//! `password` setting is never returned.

use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{created, done, list_page, ok, update_verb, Created, Reply};
use crate::auth::Caller;
use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::extract::{Body, Query};
use crate::ids;
use crate::secrets;
use crate::state::AppState;
use crate::store::{kind, Tx};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::WAREHOUSE;
pub const CONNECTION: &str = segsync_api::audit::resource_type::SOURCE_WAREHOUSE_CONNECTION;
pub const PROFILES: &str = segsync_api::audit::resource_type::PROFILES_WAREHOUSE;
const HIDDEN: &[&str] = segsync_api::mask::WAREHOUSE_NEVER_RETURNED;

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

fn masked_settings(settings: &Settings, meta: &WarehouseMetadata) -> Settings {
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

fn render_profiles(rec: ProfilesRec, cat: &Catalog, workspace_id: &str) -> ProfilesWarehouse {
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

fn name_of(settings: &Settings) -> String {
    settings.get("name").and_then(Value::as_str).unwrap_or_default().to_string()
}

fn metadata<'a>(cat: &'a Catalog, id: &str) -> AppResult<&'a WarehouseMetadata> {
    cat.warehouse(id).ok_or_else(|| AppError::invalid("metadataId", format!("'metadataId' is not a warehouse in the catalog: '{id}'")))
}

fn apply_name(settings: &mut Settings, name: Option<Option<String>>) {
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
    validate::no_masked("settings", &settings)?;
    apply_name(&mut settings, input.name.map(Some));
    let rec = WarehouseRec { id: ids::base58(&mut tx.rng), metadata_id: meta.id.clone(), enabled: input.enabled.unwrap_or(true), settings };
    tx.insert(kind::WAREHOUSE, &rec.id, "", "", &rec).await?;
    tx.audit(&format!("{RESOURCE} Created"), RESOURCE, &rec.id, &name_of(&rec.settings)).await?;
    Ok(rec)
}

pub async fn update_warehouse(tx: &mut Tx, cat: &Catalog, id: &str, input: UpdateWarehouseInput) -> AppResult<WarehouseRec> {
    let mut rec: WarehouseRec = tx.must(kind::WAREHOUSE, id, RESOURCE).await?;
    let was = rec.enabled;
    let meta = cat.warehouse(&rec.metadata_id).cloned().unwrap_or_default();
    secrets::merge(&mut rec.settings, &input.settings, &secrets::secret_names(&meta.options));
    validate::no_masked("settings", &rec.settings)?;
    apply_name(&mut rec.settings, input.name);
    if let Some(e) = input.enabled {
        rec.enabled = e;
    }
    tx.put(kind::WAREHOUSE, id, None, &rec).await?;
    tx.audit(&update_verb(RESOURCE, was, rec.enabled), RESOURCE, id, &name_of(&rec.settings)).await?;
    Ok(rec)
}

pub async fn delete_warehouse(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: WarehouseRec = tx.must(kind::WAREHOUSE, id, RESOURCE).await?;
    for c in tx.by_ref::<ConnectionRec>(kind::CONNECTION, id).await? {
        disconnect_source(tx, id, &c.source_id).await?;
    }
    tx.delete(kind::WAREHOUSE, id).await?;
    tx.audit(&format!("{RESOURCE} Deleted"), RESOURCE, id, &name_of(&rec.settings)).await?;
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
    tx.insert(kind::CONNECTION, &id, source, warehouse, &rec).await?;
    tx.audit(&format!("{CONNECTION} Created"), CONNECTION, &id, &id).await?;
    Ok(())
}

/// Removes a connection; removing one that does not exist is a 404.
pub async fn disconnect_source(tx: &mut Tx, warehouse: &str, source: &str) -> AppResult<()> {
    let id = connection_id(source, warehouse);
    if !tx.delete(kind::CONNECTION, &id).await? {
        return Err(AppError::not_found(CONNECTION, &id));
    }
    tx.audit(&format!("{CONNECTION} Deleted"), CONNECTION, &id, &id).await?;
    Ok(())
}

fn check_space(cat: &Catalog, space: &str) -> AppResult<()> {
    if !cat.spaces.iter().any(|s| s == space) {
        return Err(AppError::not_found("Space", space));
    }
    Ok(())
}

pub fn profiles_id(space: &str, warehouse: &str) -> String {
    format!("{space}:{warehouse}")
}

async fn profiles_in(tx: &mut Tx, space: &str, id: &str) -> AppResult<ProfilesRec> {
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
    tx.insert(kind::PROFILES_WAREHOUSE, &rec.id, space, "", &rec).await?;
    tx.audit(&format!("{PROFILES} Created"), PROFILES, &profiles_id(space, &rec.id), &name_of(&rec.settings)).await?;
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
    validate::no_masked("settings", &rec.settings)?;
    apply_name(&mut rec.settings, input.name.map(Some));
    if let Some(e) = input.enabled {
        rec.enabled = e;
    }
    if let Some(s) = input.schema_name {
        rec.schema_name = Some(s);
    }
    tx.put(kind::PROFILES_WAREHOUSE, id, None, &rec).await?;
    tx.audit(&update_verb(PROFILES, was, rec.enabled), PROFILES, &profiles_id(space, id), &name_of(&rec.settings)).await?;
    Ok(rec)
}

pub async fn delete_profiles_warehouse(tx: &mut Tx, cat: &Catalog, space: &str, id: &str) -> AppResult<()> {
    check_space(cat, space)?;
    let rec = profiles_in(tx, space, id).await?;
    tx.delete(kind::PROFILES_WAREHOUSE, id).await?;
    tx.audit(&format!("{PROFILES} Deleted"), PROFILES, &profiles_id(space, id), &name_of(&rec.settings)).await?;
    Ok(())
}

// ---------------------------------------------------------------- handlers

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<WarehousesPage> {
    let (items, p) = list_page(&s, kind::WAREHOUSE, None, &q, |r: WarehouseRec| render_warehouse(r, &s.catalog, &s.workspace.id)).await?;
    ok(WarehousesPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateWarehouseInput>,
) -> Created<WarehouseData> {
    let mut tx = s.db.write(c.actor).await?;
    let rec = create_warehouse(&mut tx, &s.catalog, input).await?;
    tx.commit().await?;
    created(WarehouseData { item: render_warehouse(rec, &s.catalog, &s.workspace.id) })
}

pub async fn get(State(s): State<AppState>, Path(id): Path<String>) -> Reply<WarehouseData> {
    let rec = s.db.read().await?.must(kind::WAREHOUSE, &id, RESOURCE).await?;
    ok(WarehouseData { item: render_warehouse(rec, &s.catalog, &s.workspace.id) })
}

pub async fn update(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateWarehouseInput>,
) -> Reply<WarehouseData> {
    let mut tx = s.db.write(c.actor).await?;
    let rec = update_warehouse(&mut tx, &s.catalog, &id, input).await?;
    tx.commit().await?;
    ok(WarehouseData { item: render_warehouse(rec, &s.catalog, &s.workspace.id) })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    delete_warehouse(&mut tx, &id).await?;
    tx.commit().await?;
    done()
}

pub async fn connect(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((wh, src)): Path<(String, String)>,
) -> Created<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    connect_source(&mut tx, &wh, &src).await?;
    tx.commit().await?;
    created(StatusData { status: "SUCCESS".into() })
}

pub async fn disconnect(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((wh, src)): Path<(String, String)>,
) -> Reply<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    disconnect_source(&mut tx, &wh, &src).await?;
    tx.commit().await?;
    done()
}

pub async fn list_profiles(State(s): State<AppState>, Path(space): Path<String>, q: Query) -> Reply<ProfilesWarehousesPage> {
    check_space(&s.catalog, &space)?;
    let (items, p) =
        list_page(&s, kind::PROFILES_WAREHOUSE, Some(&space), &q, |r: ProfilesRec| render_profiles(r, &s.catalog, &s.workspace.id)).await?;
    ok(ProfilesWarehousesPage { items, pagination: Some(p) })
}

pub async fn create_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(space): Path<String>,
    Body(input): Body<CreateProfilesWarehouseInput>,
) -> Created<ProfilesWarehouseData> {
    let mut tx = s.db.write(c.actor).await?;
    let rec = create_profiles_warehouse(&mut tx, &s.catalog, &space, input).await?;
    tx.commit().await?;
    created(ProfilesWarehouseData { item: render_profiles(rec, &s.catalog, &s.workspace.id) })
}

pub async fn update_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((space, id)): Path<(String, String)>,
    Body(input): Body<UpdateProfilesWarehouseInput>,
) -> Reply<ProfilesWarehouseData> {
    let mut tx = s.db.write(c.actor).await?;
    let rec = update_profiles_warehouse(&mut tx, &s.catalog, &space, &id, input).await?;
    tx.commit().await?;
    ok(ProfilesWarehouseData { item: render_profiles(rec, &s.catalog, &s.workspace.id) })
}

pub async fn delete_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((space, id)): Path<(String, String)>,
) -> Reply<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    delete_profiles_warehouse(&mut tx, &s.catalog, &space, &id).await?;
    tx.commit().await?;
    done()
}
