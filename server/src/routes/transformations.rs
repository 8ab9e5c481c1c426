//! Transformations and reverse-ETL models (both hang off a source).
//! HTTP handlers; the operations are in `ops`.

use super::{created, done, list_page, ok, Created, Reply};
use crate::auth::Caller;
use crate::extract::{Body, Query};
use crate::ops::change;
use crate::ops::transformations::*;
use crate::state::AppState;
use crate::store::kind;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<TransformationsPage> {
    let (items, p) = list_page(&s, kind::TRANSFORMATION, None, &q, |t: Transformation| t).await?;
    ok(TransformationsPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateTransformationInput>,
) -> Reply<TransformationData> {
    let t = change(&s, c.actor, async |tx| create_transformation(tx, &s.catalog, input).await).await?;
    ok(TransformationData { item: t })
}

pub async fn get(State(s): State<AppState>, Path(id): Path<String>) -> Reply<TransformationData> {
    let t = s.db.read().await?.must(kind::TRANSFORMATION, &id, RESOURCE).await?;
    ok(TransformationData { item: t })
}

pub async fn update(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateTransformationInput>,
) -> Reply<TransformationData> {
    let t = change(&s, c.actor, async |tx| update_transformation(tx, &s.catalog, &id, input).await).await?;
    ok(TransformationData { item: t })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_transformation(tx, &id).await).await?;
    done()
}

pub async fn list_models(State(s): State<AppState>, q: Query) -> Reply<ReverseEtlModelsPage> {
    let (items, p) = list_page(&s, kind::REVERSE_ETL_MODEL, None, &q, |m: ReverseEtlModel| m).await?;
    ok(ReverseEtlModelsPage { items, pagination: Some(p) })
}

pub async fn create_model(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateReverseEtlModelInput>,
) -> Created<ReverseEtlModelData> {
    let m = change(&s, c.actor, async |tx| create_reverse_etl_model(tx, input).await).await?;
    created(ReverseEtlModelData { item: m })
}

pub async fn get_model(State(s): State<AppState>, Path(id): Path<String>) -> Reply<ReverseEtlModelData> {
    let m = s.db.read().await?.must(kind::REVERSE_ETL_MODEL, &id, MODEL).await?;
    ok(ReverseEtlModelData { item: m })
}

pub async fn update_model(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateReverseEtlModelInput>,
) -> Reply<ReverseEtlModelData> {
    let m = change(&s, c.actor, async |tx| update_reverse_etl_model(tx, &id, input).await).await?;
    ok(ReverseEtlModelData { item: m })
}

pub async fn delete_model_handler(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_model(tx, &id).await).await?;
    done()
}
