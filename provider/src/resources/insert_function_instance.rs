//! `segment_insert_function_instance`.

use segsync_api::types::{
    insert_function_class_id, CreateInsertFunctionInstanceInput, InsertFunctionInstance, UpdateInsertFunctionInstanceInput,
    INSERT_FUNCTION_PREFIXES,
};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::settings;
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_insert_function_instance";

pub struct InsertFunctionInstanceResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The instance's id."),
        Attribute::string("function_id")
            .required()
            .requires_replace()
            .describe("The insert function (`ifnd_…` or `ifns_…`) this is an instance of; the id is kept as configured."),
        Attribute::string("integration_id").required().requires_replace().describe("The destination the function runs in front of."),
        Attribute::string("name").required().describe("The instance's name."),
        Attribute::bool("enabled").required().describe("Whether the instance runs."),
    ];
    attrs.extend(settings::attributes(true, "instance"));
    Schema::new(0, Block::new(attrs).describe("An insert function placed in front of a destination."))
}

/// The instance as state, with `function_id` as given (see [`function_id`]).
pub fn from_api(i: &InsertFunctionInstance, function_id: &str, prior: &Value) -> Value {
    let mut attrs = vec![
        ("id", Value::from(i.id.as_str())),
        ("function_id", Value::from(function_id)),
        ("integration_id", Value::from(i.integration_id.as_str())),
        ("name", Value::from(i.name.as_deref().unwrap_or_default())),
        ("enabled", Value::Bool(i.enabled)),
    ];
    attrs.extend(settings::state(&i.settings, prior, &[]));
    Value::object(attrs)
}

/// The function id for state. The API knows an instance's function only by its `classId`, the
/// id without the `ifnd_`/`ifns_` prefix (`model_insert_function_instance_alpha.go`); the id
/// in `prior` is kept while it names that class, else the prefix is found by reading the
/// function (`ifnd_` for insert-destination, `ifns_` for insert-source functions).
async fn function_id(c: &Client, i: &InsertFunctionInstance, prior: &Value) -> Result<String, Error> {
    if let Some(p) = prior.get("function_id").as_str() {
        if insert_function_class_id(p) == i.class_id {
            return Ok(p.to_string());
        }
    }
    for prefix in INSERT_FUNCTION_PREFIXES {
        let id = format!("{prefix}{}", i.class_id);
        if gone(c.get_function(&id).await)?.is_some() {
            return Ok(id);
        }
    }
    Ok(i.class_id.clone())
}

#[async_trait]
impl Resource for InsertFunctionInstanceResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let input = CreateInsertFunctionInstanceInput {
            function_id: required(&planned, "function_id")?,
            integration_id: required(&planned, "integration_id")?,
            enabled: bool_of(&planned, "enabled"),
            name: required(&planned, "name")?,
            settings: settings::for_create(planned.get("settings"), config.get("settings_wo")),
        };
        let c = self.0.client()?;
        let fid = input.function_id.clone();
        let lookup = Lookup {
            list: Box::new(move || {
                let fid = fid.clone();
                Box::pin(async move { Ok(c.list_insert_function_instances(&fid).await?.iter().map(|i| item(i, &fid)).collect()) })
            }),
            is_it: Box::new(|i: &Item| same_fields(&planned, &i.state, &["name", "integration_id", "enabled"])),
            unique: false,
        };
        let i = match create_once(TYPE, "insert function instance", lookup, || c.create_insert_function_instance(&input)).await? {
            Created::New(i) => i,
            Created::Adopted(id) => c.get_insert_function_instance(&id).await.or_diag("read the insert function instance")?,
        };
        let fid = function_id(c, &i, &planned).await.or_diag("read the insert function")?;
        Ok(settings::without_generated(ctx, from_api(&i, &fid, &planned), Some(&input.settings), &i.settings, &planned))
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        let c = self.0.client()?;
        let Some(i) = found(c.get_insert_function_instance(&id).await, "read the insert function instance")? else { return Ok(None) };
        let fid = function_id(c, &i, &state).await.or_diag("read the insert function")?;
        Ok(Some(settings::without_generated(ctx, from_api(&i, &fid, &state), None, &i.settings, &state)))
    }

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let id = required(&prior, "id")?;
        let input = UpdateInsertFunctionInstanceInput {
            enabled: bool_of(&planned, "enabled"),
            name: str_of(&planned, "name"),
            settings: settings::for_update(&prior, &planned, config),
        };
        let c = self.0.client()?;
        let i = c.update_insert_function_instance(&id, &input).await.or_diag("update the insert function instance")?;
        let fid = function_id(c, &i, &planned).await.or_diag("read the insert function")?;
        Ok(settings::without_generated(ctx, from_api(&i, &fid, &planned), Some(&input.settings), &i.settings, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_insert_function_instance(&required(&prior, "id")?).await, "delete the insert function instance")
    }

    crate::import_by_id!("insert function instance");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::INSERT_FUNCTION_INSTANCE],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(InsertFunctionInstanceResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

/// Every instance: the API lists them per insert function (`functionId` is required).
async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let mut ids = Vec::new();
    for rt in ["INSERT_DESTINATION", "INSERT_SOURCE"] {
        ids.extend(c.list_functions(rt).await?.into_iter().filter_map(|f| f.id));
    }
    crate::kind::each(ids, |fid| async move { Ok(c.list_insert_function_instances(&fid).await?.iter().map(|i| item(i, &fid)).collect()) })
        .await
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    let Some(i) = gone(c.get_insert_function_instance(a).await)? else { return Ok(None) };
    let fid = function_id(c, &i, &Value::Null).await?;
    Ok(Some(item(&i, &fid)))
}

fn item(i: &InsertFunctionInstance, function_id: &str) -> Item {
    KIND.item([&i.id, ""], i.name.as_deref().unwrap_or(&i.id), from_api(i, function_id, &Value::Null))
        .with_secrets(segsync_api::mask::masked_keys(&i.settings))
}
