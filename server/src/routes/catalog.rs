//! The workspace and the integration catalog.

use axum::extract::{Path, State};
use segsync_api::data::*;

use super::{ok, Reply};
use crate::error::AppError;
use crate::extract::{page_vec, Query};
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
