//! Functions and insert-function instances. Settings a function marks `sensitive` are secrets in
//! its instances.
//! Operations and records; the HTTP handlers are in `routes`.
use super::events::{function_subject, toggled};
use segsync_api::types::*;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::ids;
use crate::secrets;
use crate::store::{kind, Tx};
use crate::store::{Keys, Record};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::FUNCTION;
pub const INSTANCE: &str = segsync_api::audit::resource_type::INSERT_FUNCTION_INSTANCE;
pub(crate) const RESOURCE_TYPES: &[&str] = &["SOURCE", "DESTINATION", "INSERT_DESTINATION", "INSERT_SOURCE"];
pub(crate) const SETTING_TYPES: &[&str] = &["STRING", "TEXT_MAP", "BOOLEAN", "ARRAY", "NUMBER"];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceRec {
    pub instance: InsertFunctionInstance,
    pub function_id: String,
}

pub(crate) fn check_settings(settings: &[FunctionSetting]) -> AppResult<()> {
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

/// The display name as the API stores it: for `DESTINATION`, `INSERT_DESTINATION` and
/// `INSERT_SOURCE` functions it appends the workspace name (official provider
/// `function_resource.go` ~170, "Destination functions append workspace name to display name").
/// The exact form is not documented; the twin writes `<name> (<workspace name>)`.
async fn stored_display_name(tx: &mut Tx, resource_type: &str, name: String) -> AppResult<String> {
    if resource_type == "SOURCE" {
        return Ok(name);
    }
    let ws = tx.workspace_name().await?;
    Ok(format!("{name} ({ws})"))
}

pub(crate) fn display(f: &Function) -> String {
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
        display_name: Some(stored_display_name(tx, &input.resource_type, input.display_name).await?),
        description: input.description,
        logo_url: input.logo_url,
        batch_max_count: None,
        is_latest_version: Some(true),
    };
    tx.insert(&f).await?;
    tx.audit(&format!("{} Created", function_subject(&input.resource_type)), super::events::rt::FUNCTIONS, &id, &display(&f)).await?;
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
        let rt = f.resource_type.clone().unwrap_or_default();
        f.display_name = Some(stored_display_name(tx, &rt, d).await?);
    }
    if input.logo_url.is_some() {
        f.logo_url = input.logo_url;
    }
    if input.description.is_some() {
        f.description = input.description;
    }
    tx.put(&f).await?;
    tx.audit(
        &format!("{} Modified", function_subject(f.resource_type.as_deref().unwrap_or_default())),
        super::events::rt::FUNCTIONS,
        id,
        &display(&f),
    )
    .await?;
    Ok(f)
}

pub async fn delete_function(tx: &mut Tx, id: &str) -> AppResult<()> {
    let f: Function = tx.must(kind::FUNCTION, id, RESOURCE).await?;
    for inst in tx.children::<InstanceRec>(kind::INSERT_FUNCTION_INSTANCE, id).await? {
        delete_instance_of(tx, &inst.instance.id).await?;
    }
    tx.delete(kind::FUNCTION, id).await?;
    tx.audit(
        &format!("{} Deleted", function_subject(f.resource_type.as_deref().unwrap_or_default())),
        super::events::rt::FUNCTIONS,
        id,
        &display(&f),
    )
    .await?;
    Ok(())
}

pub(crate) fn sensitive_names(f: &Function) -> Vec<&str> {
    f.settings.iter().flatten().filter(|s| s.sensitive).map(|s| s.name.as_str()).collect()
}

/// An instance as returned: sensitive settings masked in `settings` and listed, masked, in
/// `encryptedSettings`.
pub(crate) async fn render_instance(tx: &mut Tx, rec: InstanceRec) -> AppResult<InsertFunctionInstance> {
    let f: Option<Function> = tx.get(kind::FUNCTION, &rec.function_id).await?;
    let sensitive = f.as_ref().map(sensitive_names).unwrap_or_default();
    let mut inst = rec.instance;
    let masked = secrets::masked(&inst.settings, &sensitive, &[]);
    inst.encrypted_settings = masked.iter().filter(|(k, _)| sensitive.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    inst.settings = masked;
    Ok(inst)
}

/// The insert function whose id is `ifnd_<class>` or `ifns_<class>`.
pub async fn function_of_class(tx: &mut Tx, class: &str) -> AppResult<Option<String>> {
    for p in INSERT_FUNCTION_PREFIXES {
        let id = format!("{p}{class}");
        if tx.exists(kind::FUNCTION, &id).await? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Creates an instance of an insert function named by its class id: the function id without
/// the `ifnd_`/`ifns_` prefix (`model_create_insert_function_instance_alpha_input.go`). A
/// prefixed id is refused like an unknown one.
pub async fn create_instance_of(tx: &mut Tx, input: CreateInsertFunctionInstanceInput) -> AppResult<InstanceRec> {
    validate::not_blank("name", &input.name)?;
    let fid = function_of_class(tx, &input.function_id)
        .await?
        .ok_or_else(|| AppError::missing_ref("functionId", RESOURCE, &input.function_id))?;
    let f: Function = tx.must(kind::FUNCTION, &fid, RESOURCE).await?;
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
    let rec = InstanceRec {
        instance: InsertFunctionInstance {
            id: ids::ksuid(&mut tx.rng),
            name: Some(input.name),
            integration_id: input.integration_id,
            class_id: input.function_id.clone(),
            enabled: input.enabled.unwrap_or(false),
            created_at: now.clone(),
            updated_at: now,
            settings,
            encrypted_settings: Settings::new(),
        },
        function_id: fid.clone(),
    };
    let i = &rec.instance;
    tx.insert(&rec).await?;
    tx.audit(
        "Insert Function Instance Created",
        super::events::rt::INSERT_FUNCTION_INSTANCES,
        &i.id,
        i.name.as_deref().unwrap_or_default(),
    )
    .await?;
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
    tx.put(&rec).await?;
    let i = &rec.instance;
    tx.audit(
        &toggled("Insert Function Instance", was, i.enabled, "Insert Function Instance Modified"),
        super::events::rt::INSERT_FUNCTION_INSTANCES,
        id,
        i.name.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(rec)
}

pub async fn delete_instance_of(tx: &mut Tx, id: &str) -> AppResult<()> {
    let rec: InstanceRec = tx.must(kind::INSERT_FUNCTION_INSTANCE, id, INSTANCE).await?;
    tx.delete(kind::INSERT_FUNCTION_INSTANCE, id).await?;
    tx.audit(
        "Insert Function Instance Deleted",
        super::events::rt::INSERT_FUNCTION_INSTANCES,
        id,
        rec.instance.name.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(())
}

/// A function is listed under its resource type.
impl Record for Function {
    const KIND: &'static str = kind::FUNCTION;
    fn keys(&self) -> Keys {
        Keys::id(self.id.as_deref().unwrap_or("")).parent(self.resource_type.as_deref().unwrap_or(""))
    }
}

/// An insert-function instance is listed under its function and found by the integration it
/// is attached to.
impl Record for InstanceRec {
    const KIND: &'static str = kind::INSERT_FUNCTION_INSTANCE;
    fn keys(&self) -> Keys {
        Keys::id(&self.instance.id).parent(&self.function_id).reference(&self.instance.integration_id)
    }
}
