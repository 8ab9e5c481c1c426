//! `segment_warehouse`. The API keeps a warehouse's name in `settings.name` and never returns
//! its `password`.

use segsync_api::types::{CreateWarehouseInput, Settings, UpdateWarehouseInput, Warehouse};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::{metadata, settings};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_warehouse";
pub const HIDDEN: &[&str] = &["password"];

pub struct WarehouseResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The warehouse's id."),
        metadata::resource_metadata(metadata::warehouse_attrs(), "warehouse"),
        Attribute::string("name").optional_computed().use_state_for_unknown().describe("The warehouse's display name."),
        Attribute::string("workspace_id").computed().use_state_for_unknown().describe("The workspace the warehouse belongs to."),
        Attribute::bool("enabled").optional_computed().use_state_for_unknown().describe("Whether data is loaded into the warehouse."),
    ];
    attrs.extend(settings::attributes(true, "warehouse"));
    Schema::new(0, Block::new(attrs).describe("A data warehouse that sources load into."))
}

/// Settings as the configuration sees them: without the name (its own attribute) unless the
/// configuration keeps it in settings.
pub fn settings_without_name(remote: &Settings, prior_settings: &Value) -> Settings {
    let keeps_name = crate::convert::parse_json(prior_settings).is_some_and(|j| j.get("name").is_some());
    remote.iter().filter(|(k, _)| keeps_name || k.as_str() != "name").map(|(k, v)| (k.clone(), v.clone())).collect()
}

pub fn from_api(w: &Warehouse, prior: &Value) -> Value {
    let name = w.settings.get("name").and_then(|v| v.as_str()).map(Value::from).unwrap_or(Value::Null);
    let mut attrs = vec![
        ("id", Value::from(w.id.as_str())),
        ("metadata", metadata::warehouse_value(&w.metadata)),
        ("name", name),
        ("workspace_id", Value::from(w.workspace_id.as_str())),
        ("enabled", Value::Bool(w.enabled)),
    ];
    attrs.extend(settings::state(&settings_without_name(&w.settings, prior.get("settings")), prior, HIDDEN));
    Value::object(attrs)
}

#[async_trait]
impl Resource for WarehouseResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let input = CreateWarehouseInput {
            metadata_id: required(planned.get("metadata"), "id")?,
            name: str_of(&planned, "name"),
            enabled: bool_of(&planned, "enabled"),
            settings: settings::for_create(planned.get("settings"), config.get("settings_wo")),
            disconnect_all_sources: None,
        };
        let c = self.0.client()?;
        let lookup = Lookup::in_kind(&KIND, c, vec![], false, |i| same_fields(&planned, &i.state, &["name", "metadata.id", "enabled"]));
        let w = match create_once(TYPE, "warehouse", lookup, || c.create_warehouse(&input)).await? {
            Created::New(w) => w,
            Created::Adopted(id) => c.get_warehouse(&id).await.or_diag("read the warehouse")?,
        };
        Ok(settings::without_generated(ctx, from_api(&w, &planned), Some(&input.settings), &w.settings, &planned))
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        Ok(found(self.0.client()?.get_warehouse(&id).await, "read the warehouse")?
            .map(|w| settings::without_generated(ctx, from_api(&w, &state), None, &w.settings, &state)))
    }

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let id = required(&prior, "id")?;
        let input = UpdateWarehouseInput {
            name: str_of(&planned, "name").map(Some),
            enabled: bool_of(&planned, "enabled"),
            settings: settings::for_update(&prior, &planned, config).into_iter().filter(|(k, v)| !(k == "name" && v.is_null())).collect(),
        };
        let w = self.0.client()?.update_warehouse(&id, &input).await.or_diag("update the warehouse")?;
        Ok(settings::without_generated(ctx, from_api(&w, &planned), Some(&input.settings), &w.settings, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_warehouse(&required(&prior, "id")?).await, "delete the warehouse")
    }

    crate::import_by_id!("warehouse");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::WAREHOUSE],
    referenced_as: &["warehouse_id"],
    list_scope: None,
    resource: |api| std::sync::Arc::new(WarehouseResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    Ok(c.list_warehouses().await?.iter().map(item).collect())
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    Ok(gone(c.get_warehouse(a).await)?.as_ref().map(item))
}

fn item(w: &Warehouse) -> Item {
    let state = from_api(w, &Value::Null);
    let display = state.get("name").as_str().unwrap_or(&w.metadata.name).to_string();
    KIND.item([&w.id, ""], &display, state).with_secrets(crate::kind::warehouse_secrets(&w.settings))
}
