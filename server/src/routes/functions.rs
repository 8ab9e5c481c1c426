//! Functions and insert-function instances. Settings a function marks `sensitive` are secrets in
//! its instances.
//! HTTP handlers; the operations are in `ops`.

use super::{done, list_page, ok, Reply};
use crate::auth::Caller;
use crate::extract::{Body, Query};
use crate::ops::change;
use crate::ops::functions::*;
use crate::state::AppState;
use crate::store::kind;
use crate::validate;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<FunctionsPage> {
    // `resourceType` is required, and list items carry no code or settings
    // (`api_functions.go` ListFunctionsExecute; `model_list_function_item_v1.go`).
    let rt = q.get("resourceType").unwrap_or_default().to_string();
    validate::not_blank("resourceType", &rt)?;
    validate::one_of("resourceType", &rt, RESOURCE_TYPES)?;
    let (items, p) = list_page(&s, kind::FUNCTION, Some(&rt), &q, |f: Function| FunctionSummary::from(&f)).await?;
    ok(FunctionsPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateFunctionInput>,
) -> Reply<FunctionData> {
    let f = change(&s, c.actor, async |tx| create_function(tx, input).await).await?;
    ok(FunctionData { item: f })
}

pub async fn get(State(s): State<AppState>, Path(id): Path<String>) -> Reply<FunctionData> {
    let f = s.db.read().await?.must(kind::FUNCTION, &id, RESOURCE).await?;
    ok(FunctionData { item: f })
}

pub async fn update(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateFunctionInput>,
) -> Reply<FunctionData> {
    let f = change(&s, c.actor, async |tx| update_function(tx, &id, input).await).await?;
    ok(FunctionData { item: f })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_function(tx, &id).await).await?;
    done()
}

pub async fn list_instances(State(s): State<AppState>, q: Query) -> Reply<InsertFunctionInstancesPage> {
    // `functionId` is required and is the function's class id, without its `ifnd_`/`ifns_`
    // prefix (FunctionsAPI.md, ListInsertFunctionInstances). A prefixed id names no class: the
    // list is empty, which is the hardest answer for a client that sends one.
    let class = q.get("functionId").unwrap_or_default().to_string();
    validate::not_blank("functionId", &class)?;
    let fid = function_of_class(&mut s.db.read().await?, &class).await?.unwrap_or_default();
    let (recs, p) = list_page(&s, kind::INSERT_FUNCTION_INSTANCE, Some(&fid), &q, |r: InstanceRec| r).await?;
    let mut tx = s.db.read().await?;
    let mut items = Vec::with_capacity(recs.len());
    for r in recs {
        items.push(render_instance(&mut tx, r).await?);
    }
    ok(InsertFunctionInstancesPage { items, pagination: Some(p) })
}

pub async fn create_instance(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateInsertFunctionInstanceInput>,
) -> Reply<InsertFunctionInstanceData> {
    let item = change(&s, c.actor, async |tx| {
        let rec = create_instance_of(tx, input).await?;
        render_instance(tx, rec).await
    })
    .await?;
    ok(InsertFunctionInstanceData { item })
}

pub async fn get_instance(State(s): State<AppState>, Path(id): Path<String>) -> Reply<InsertFunctionInstanceData> {
    let mut tx = s.db.read().await?;
    let rec = tx.must(kind::INSERT_FUNCTION_INSTANCE, &id, INSTANCE).await?;
    ok(InsertFunctionInstanceData { item: render_instance(&mut tx, rec).await? })
}

pub async fn update_instance(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateInsertFunctionInstanceInput>,
) -> Reply<InsertFunctionInstanceData> {
    let item = change(&s, c.actor, async |tx| {
        let rec = update_instance_of(tx, &id, input).await?;
        render_instance(tx, rec).await
    })
    .await?;
    ok(InsertFunctionInstanceData { item })
}

pub async fn delete_instance(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_instance_of(tx, &id).await).await?;
    done()
}
