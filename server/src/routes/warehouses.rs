//! Warehouses, source↔warehouse connections, and the profiles warehouses of spaces.
//! A warehouse's name lives in `settings.name` (the wire object has no name field); its
//! `password` setting is never returned.
//! HTTP handlers; the operations are in `ops`.

use super::{created, done, list_page, ok, Created, Reply};
use crate::auth::Caller;
use crate::error::AppError;
use crate::extract::{page_vec, Body, Query};
use crate::ops::change;
use crate::ops::warehouses::*;
use crate::records::{render_source, SourceRec};
use crate::state::AppState;
use crate::store::kind;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<WarehousesPage> {
    let (items, p) = list_page(&s, kind::WAREHOUSE, None, &q, |r: WarehouseRec| render_warehouse(r, &s.catalog, &s.workspace.id)).await?;
    ok(WarehousesPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateWarehouseInput>,
) -> Created<WarehouseData> {
    let rec = change(&s, c.actor, async |tx| create_warehouse(tx, &s.catalog, input).await).await?;
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
    let rec = change(&s, c.actor, async |tx| update_warehouse(tx, &s.catalog, &id, input).await).await?;
    ok(WarehouseData { item: render_warehouse(rec, &s.catalog, &s.workspace.id) })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_warehouse(tx, &id).await).await?;
    done()
}

pub async fn connect(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((wh, src)): Path<(String, String)>,
) -> Created<StatusData> {
    change(&s, c.actor, async |tx| connect_source(tx, &wh, &src).await).await?;
    created(StatusData { status: "SUCCESS".into() })
}

pub async fn disconnect(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((wh, src)): Path<(String, String)>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| disconnect_source(tx, &wh, &src).await).await?;
    done()
}

/// Listing a space's profiles warehouses writes an audit event that changes nothing:
/// "Profiles Sync Warehouse Retrieved" (ListProfilesWarehouseInSpace, api_profiles_sync.go:232).
pub async fn list_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(space): Path<String>,
    q: Query,
) -> Reply<ProfilesWarehousesPage> {
    check_space(&s.catalog, &space)?;
    let (items, p) =
        list_page(&s, kind::PROFILES_WAREHOUSE, Some(&space), &q, |r: ProfilesRec| render_profiles(r, &s.catalog, &s.workspace.id)).await?;
    change(&s, c.actor, async |tx| {
        tx.audit("Profiles Sync Warehouse Retrieved", crate::ops::events::rt::PROFILES_SYNC_WAREHOUSES, &space, &space).await
    })
    .await?;
    ok(ProfilesWarehousesPage { items, pagination: Some(p) })
}

pub async fn create_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(space): Path<String>,
    Body(input): Body<CreateProfilesWarehouseInput>,
) -> Created<ProfilesWarehouseData> {
    let rec = change(&s, c.actor, async |tx| create_profiles_warehouse(tx, &s.catalog, &space, input).await).await?;
    created(ProfilesWarehouseData { item: render_profiles(rec, &s.catalog, &s.workspace.id) })
}

pub async fn update_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((space, id)): Path<(String, String)>,
    Body(input): Body<UpdateProfilesWarehouseInput>,
) -> Reply<ProfilesWarehouseData> {
    let rec = change(&s, c.actor, async |tx| update_profiles_warehouse(tx, &s.catalog, &space, &id, input).await).await?;
    ok(ProfilesWarehouseData { item: render_profiles(rec, &s.catalog, &s.workspace.id) })
}

pub async fn delete_profiles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((space, id)): Path<(String, String)>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_profiles_warehouse(tx, &s.catalog, &space, &id).await).await?;
    done()
}

/// `GET /warehouses/{warehouseId}/connected-sources` (ListConnectedSourcesFromWarehouse,
/// `api_warehouses.go`): the sources connected to a warehouse, as full sources.
pub async fn connected_sources(State(s): State<AppState>, Path(id): Path<String>, q: Query) -> Reply<SourcesPage> {
    let page = q.page()?;
    let mut tx = s.db.read().await?;
    if !tx.exists(kind::WAREHOUSE, &id).await? {
        return Err(AppError::not_found(RESOURCE, &id));
    }
    let conns: Vec<ConnectionRec> = tx.by_ref(kind::CONNECTION, &id).await?;
    let mut sources = Vec::with_capacity(conns.len());
    for c in conns {
        if let Some(src) = tx.get::<SourceRec>(kind::SOURCE, &c.source_id).await? {
            sources.push(render_source(src, &s.catalog, &s.workspace.id));
        }
    }
    let (items, p) = page_vec(&sources, page);
    ok(SourcesPage { items, pagination: Some(p) })
}
