//! Functions and insert-function instances. Settings a function marks `sensitive` are secrets in
//! its instances.

use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;
use serde::{Deserialize, Serialize};

use super::{done, list_page, ok, update_verb, Reply};
use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::extract::{Body, Query};
use crate::ids;
use crate::secrets;
use crate::state::AppState;
use crate::store::{kind, Tx};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::FUNCTION;
pub const INSTANCE: &str = segsync_api::audit::resource_type::INSERT_FUNCTION_INSTANCE;
const RESOURCE_TYPES: &[&str] = &["SOURCE", "DESTINATION", "INSERT_DESTINATION", "INSERT_SOURCE"];
const SETTING_TYPES: &[&str] = &["STRING", "TEXT_MAP", "BOOLEAN", "ARRAY", "NUMBER"];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceRec {
    pub instance: InsertFunctionInstance,
    pub function_id: String,
}

fn check_settings(settings: &[FunctionSetting]) -> AppResult<()> {
    validate::at_most("settings", settings, validate::MAX_LIST)?;
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in settings.iter().enumerate() {
        validate::not_blank(&format!("settings[{i}].name"), &s.name)?;
        validate::one_of(&format!("settings[{i}].type"), &s.kind, SETTING_TYPES)?;
        if !seen.insert(s.name.as_str()) {
            return Err(AppError::invalid(format!("settings[{i}].name"), format!("setting name '{}' appears twice", s.name)));
        }
    }
    Ok(())
}

fn display(f: &Function) -> String {
    f.display_name.clone().unwrap_or_default()
}

pub async fn create_function(tx: &mut Tx, input: CreateFunctionInput) -> AppResult<Function> {
    validate::one_of("resourceType", &input.resource_type, RESOURCE_TYPES)?;
    validate::not_blank("displayName", &input.display_name)?;
    validate::not_blank("code", &input.code)?;
    if let Some(s) = &input.settings {
        check_settings(s)?;
    }
    let id = ids::function(&mut tx.rng, &input.resource_type);
    let now = tx.now_rfc3339();
    let f = Function {
        preview_webhook_url: (input.resource_type == "SOURCE").then(|| format!("https://fn.segsync.dev/preview/{id}")),
        catalog_id: (input.resource_type != "SOURCE").then(|| ids::stable(false, &format!("function-catalog:{id}"), 24)),
        id: Some(id.clone()),
        resource_type: Some(input.resource_type.clone()),
        created_at: Some(now),
        created_by: Some(tx.actor_name()),
        code: Some(input.code),
        deployed_at: None,
        settings: Some(input.settings.unwrap_or_default()),
        display_name: Some(input.display_name),
        description: input.description,
        logo_url: input.logo_url,
        batch_max_count: None,
        is_latest_version: Some(true),
    };
    tx.insert(kind::FUNCTION, &id, &input.resource_type, "", &f).await?;
    tx.audit(&format!("{RESOURCE} Created"), RESOURCE, &id, &display(&f)).await?;
    Ok(f)
}

pub async fn update_function(tx: &mut Tx, id: &str, input: UpdateFunctionInput) -> AppResult<Function> {
    let mut f: Function = tx.must(kind::FUNCTION, id, RESOURCE).await?;
    if let Some(c) = input.code {
        validate::not_blank("code", &c)?;
        f.code = Some(c);
    }
    if let Some(s) = input.settings {
        check_settings(&s)?;
        f.settings = Some(s);
    }
    if let Some(d) = input.display_name {
        validate::not_blank("displayName", &d)?;
        f.display_name = Some(d);
    }
    if input.logo_url.is_some() {
        f.logo_url = input.logo_url;
    }
    if input.description.is_some() {
        f.description = input.description;
    }
    tx.put(kind::FUNCTION, id, None, &f).await?;
    tx.audit(&format!("{RESOURCE} Modified"), RESOURCE, id, &display(&f)).await?;
    Ok(f)
}

pub async fn delete_function(tx: &mut Tx, id: &str) -> AppResult<()> {
    let f: Function = tx.must(kind::FUNCTION, id, RESOURCE).await?;
    for inst in tx.children::<InstanceRec>(kind::INSERT_FUNCTION_INSTANCE, id).await? {
        delete_instance_of(tx, &inst.instance.id).await?;
    }
    tx.delete(kind::FUNCTION, id).await?;
    tx.audit(&format!("{RESOURCE} Deleted"), RESOURCE, id, &display(&f)).await?;
    Ok(())
}

fn sensitive_names(f: &Function) -> Vec<&str> {
    f.settings.iter().flatten().filter(|s| s.sensitive).map(|s| s.name.as_str()).collect()
}

/// An instance as returned: sensitive settings masked in `settings` and listed, masked, in
/// `encryptedSettings`.
async fn render_instance(tx: &mut Tx, rec: InstanceRec) -> AppResult<InsertFunctionInstance> {
    let f: Option<Function> = tx.get(kind::FUNCTION, &rec.function_id).await?;
    let sensitive = f.as_ref().map(sensitive_names).unwrap_or_default();
    let mut inst = rec.instance;
    let masked = secrets::masked(&inst.settings, &sensitive, &[]);
    inst.encrypted_settings = masked.iter().filter(|(k, _)| sensitive.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    inst.settings = masked;
    Ok(inst)
}

pub async fn create_instance_of(tx: &mut Tx, input: CreateInsertFunctionInstanceInput) -> AppResult<InstanceRec> {
    validate::not_blank("name", &input.name)?;
    let f: Function = tx
        .get(kind::FUNCTION, &input.function_id)
        .await?
        .ok_or_else(|| AppError::missing_ref("functionId", RESOURCE, &input.function_id))?;
    let rt = f.resource_type.clone().unwrap_or_default();
    if !rt.starts_with("INSERT_") {
        return Err(AppError::invalid(
            "functionId",
            format!("function '{}' is a {rt} function; instances need an insert function", input.function_id),
        ));
    }
    let target_kind = if rt == "INSERT_SOURCE" { kind::SOURCE } else { kind::DESTINATION };
    if !tx.exists(target_kind, &input.integration_id).await? {
        return Err(AppError::missing_ref(
            "integrationId",
            if rt == "INSERT_SOURCE" { "Source" } else { "Destination" },
            &input.integration_id,
        ));
    }
    let settings = secrets::initial(&input.settings);
    validate::no_masked("settings", &settings)?;
    let now = tx.now_rfc3339();
    let fid = input.function_id.clone();
    let rec = InstanceRec {
        instance: InsertFunctionInstance {
            id: ids::ksuid(&mut tx.rng),
            name: Some(input.name),
            integration_id: input.integration_id,
            class_id: fid.split_once('_').map(|(_, rest)| rest.to_string()).unwrap_or_else(|| fid.clone()),
            enabled: input.enabled.unwrap_or(false),
            created_at: now.clone(),
            updated_at: now,
            settings,
            encrypted_settings: Settings::new(),
        },
        function_id: fid.clone(),
    };
    let i = &rec.instance;
    tx.insert(kind::INSERT_FUNCTION_INSTANCE, &i.id, &fid, &i.integration_id, &rec).await?;
    tx.audit(&format!("{INSTANCE} Created"), INSTANCE, &i.id, i.name.as_deref().unwrap_or_default()).await?;
    Ok(rec)
}

pub async fn update_instance_of(tx: &mut Tx, id: &str, input: UpdateInsertFunctionInstanceInput) -> AppResult<InstanceRec> {
    let mut rec: InstanceRec = tx.must(kind::INSERT_FUNCTION_INSTANCE, id, INSTANCE).await?;
    let f: Option<Function> = tx.get(kind::FUNCTION, &rec.function_id).await?;
    let sensitive: Vec<String> = f.as_ref().map(|f| sensitive_names(f).into_iter().map(str::to_string).collect()).unwrap_or_default();
    let sensitive: Vec<&str> = sensitive.iter().map(String::as_str).collect();
    let i = &mut rec.instance;
    let was = i.enabled;
    if let Some(n) = input.name {
        validate::not_blank("name", &n)?;
        i.name = Some(n);
    }
    if let Some(e) = input.enabled {
        i.enabled = e;
    }
    secrets::merge(&mut i.settings, &input.settings, &sensitive);
    validate::no_masked("settings", &i.settings)?;
    i.updated_at = tx.now_rfc3339();
    tx.put(kind::INSERT_FUNCTION_INSTANCE, id, None, &rec).await?;
    let i = &rec.instance;
    tx.audit(&update_verb(INSTANCE, was, i.enabled), INSTANCE, id, i.name.as_deref().unwrap_or_default()).await?;
    Ok(rec)
}

pub async fn delete_instance_of(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: InstanceRec = tx.must(kind::INSERT_FUNCTION_INSTANCE, id, INSTANCE).await?;
    tx.delete(kind::INSERT_FUNCTION_INSTANCE, id).await?;
    tx.audit(&format!("{INSTANCE} Deleted"), INSTANCE, id, rec.instance.name.as_deref().unwrap_or_default()).await?;
    Ok(())
}

// ---------------------------------------------------------------- handlers

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<FunctionsPage> {
    let rt = q.get("resourceType").filter(|v| !v.is_empty()).map(str::to_string);
    if let Some(rt) = &rt {
        validate::one_of("resourceType", rt, RESOURCE_TYPES)?;
    }
    let (items, p) = list_page(&s, kind::FUNCTION, rt.as_deref(), &q, |f: Function| f).await?;
    ok(FunctionsPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateFunctionInput>,
) -> Reply<FunctionData> {
    let mut tx = s.db.write(c.actor).await?;
    let f = create_function(&mut tx, input).await?;
    tx.commit().await?;
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
    let mut tx = s.db.write(c.actor).await?;
    let f = update_function(&mut tx, &id, input).await?;
    tx.commit().await?;
    ok(FunctionData { item: f })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    delete_function(&mut tx, &id).await?;
    tx.commit().await?;
    done()
}

pub async fn list_instances(State(s): State<AppState>, q: Query) -> Reply<InsertFunctionInstancesPage> {
    let fid = q.get("functionId").filter(|v| !v.is_empty()).map(str::to_string);
    let (recs, p) = list_page(&s, kind::INSERT_FUNCTION_INSTANCE, fid.as_deref(), &q, |r: InstanceRec| r).await?;
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
    let mut tx = s.db.write(c.actor).await?;
    let rec = create_instance_of(&mut tx, input).await?;
    let item = render_instance(&mut tx, rec).await?;
    tx.commit().await?;
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
    let mut tx = s.db.write(c.actor).await?;
    let rec = update_instance_of(&mut tx, &id, input).await?;
    let item = render_instance(&mut tx, rec).await?;
    tx.commit().await?;
    ok(InsertFunctionInstanceData { item })
}

pub async fn delete_instance(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    let mut tx = s.db.write(c.actor).await?;
    delete_instance_of(&mut tx, &id).await?;
    tx.commit().await?;
    done()
}
