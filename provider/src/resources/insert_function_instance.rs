//! `segment_insert_function_instance`.

use segsync_api::types::{CreateInsertFunctionInstanceInput, InsertFunctionInstance, UpdateInsertFunctionInstanceInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, required, str_of};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::settings;
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_insert_function_instance";

pub struct InsertFunctionInstanceResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The instance's id."),
        Attribute::string("function_id").required().requires_replace().describe("The insert function (`ifnd_…`) this is an instance of."),
        Attribute::string("integration_id").required().requires_replace().describe("The destination the function runs in front of."),
        Attribute::string("name").required().describe("The instance's name."),
        Attribute::bool("enabled").required().describe("Whether the instance runs."),
    ];
    attrs.extend(settings::attributes(true, "instance"));
    Schema::new(0, Block::new(attrs).describe("An insert function placed in front of a destination."))
}

/// `function_id` is the instance's class id with the function's prefix.
pub fn from_api(i: &InsertFunctionInstance, prior: &Value) -> Value {
    let function_id = prior.get("function_id").as_str().map(str::to_string).unwrap_or_else(|| format!("ifnd_{}", i.class_id));
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

#[async_trait]
impl Resource for InsertFunctionInstanceResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let input = CreateInsertFunctionInstanceInput {
            function_id: required(&planned, "function_id")?,
            integration_id: required(&planned, "integration_id")?,
            enabled: bool_of(&planned, "enabled"),
            name: required(&planned, "name")?,
            settings: settings::for_create(planned.get("settings"), config.get("settings_wo")),
        };
        let i = self.0.client()?.create_insert_function_instance(&input).await.or_diag("create the insert function instance")?;
        Ok(from_api(&i, &planned))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        Ok(found(self.0.client()?.get_insert_function_instance(&id).await, "read the insert function instance")?
            .map(|i| from_api(&i, &state)))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let id = required(&prior, "id")?;
        let input = UpdateInsertFunctionInstanceInput {
            enabled: bool_of(&planned, "enabled"),
            name: str_of(&planned, "name"),
            settings: settings::for_update(&prior, &planned, config),
        };
        let i = self.0.client()?.update_insert_function_instance(&id, &input).await.or_diag("update the insert function instance")?;
        Ok(from_api(&i, &planned))
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

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    Ok(c.list_insert_function_instances(None).await?.iter().map(item).collect())
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    Ok(gone(c.get_insert_function_instance(a).await)?.as_ref().map(item))
}

fn item(i: &InsertFunctionInstance) -> Item {
    KIND.item([&i.id, ""], i.name.as_deref().unwrap_or(&i.id), from_api(i, &Value::Null))
        .with_secrets(segsync_api::mask::masked_keys(&i.settings))
}
