//! `segment_profiles_warehouse` (import id `<space_id>:<warehouse_id>`).

use segsync_api::types::{CreateProfilesWarehouseInput, ProfilesWarehouse, UpdateProfilesWarehouseInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, opt_str, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{IdShape, Item, Kind};
use crate::settings;
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_profiles_warehouse";

pub struct ProfilesWarehouseResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The profiles warehouse's id."),
        Attribute::string("space_id").required().requires_replace().describe("The space whose profiles are synced."),
        Attribute::string("metadata_id").required().requires_replace().describe("The catalog id of the warehouse type."),
        Attribute::string("name").optional().describe("The warehouse's display name."),
        Attribute::bool("enabled").optional().describe("Whether profiles are synced."),
        Attribute::string("schema_name").optional().describe("The schema profiles are written to."),
    ];
    attrs.extend(settings::attributes(true, "profiles warehouse"));
    Schema::new(0, Block::new(attrs).describe("A warehouse that a space's profiles are synced to."))
}

/// Optional attributes the configuration leaves unset stay null in state; an import (whose
/// prior state holds only the ids) takes every remote value.
fn managed(prior: &Value, name: &str, remote: Value) -> Value {
    let importing = prior.get("metadata_id").is_null();
    if importing || !prior.get(name).is_null() {
        remote
    } else {
        Value::Null
    }
}

pub fn from_api(p: &ProfilesWarehouse, prior: &Value) -> Value {
    let name = p.settings.get("name").and_then(|v| v.as_str()).map(Value::from).unwrap_or(Value::Null);
    let settings = super::warehouse::settings_without_name(&p.settings, prior.get("settings"));
    let mut attrs = vec![
        ("id", Value::from(p.id.as_str())),
        ("space_id", Value::from(p.space_id.as_str())),
        ("metadata_id", Value::from(p.metadata.id.as_str())),
        ("name", managed(prior, "name", name)),
        ("enabled", managed(prior, "enabled", Value::Bool(p.enabled))),
        ("schema_name", managed(prior, "schema_name", opt_str(p.schema_name.as_deref()))),
    ];
    attrs.extend(settings::state(&settings, prior, super::warehouse::HIDDEN));
    Value::object(attrs)
}

#[async_trait]
impl Resource for ProfilesWarehouseResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let space = required(&planned, "space_id")?;
        let input = CreateProfilesWarehouseInput {
            metadata_id: required(&planned, "metadata_id")?,
            name: str_of(&planned, "name"),
            enabled: bool_of(&planned, "enabled"),
            settings: settings::for_create(planned.get("settings"), config.get("settings_wo")),
            schema_name: str_of(&planned, "schema_name"),
        };
        let c = self.0.client()?;
        let lookup = Lookup::in_kind(&KIND, c, vec![space.clone()], false, |i| {
            same_fields(&planned, &i.state, &["space_id", "metadata_id", "name", "schema_name", "enabled"])
        });
        let p = match create_once(TYPE, "profiles warehouse", lookup, || c.create_profiles_warehouse(&space, &input)).await? {
            Created::New(p) => p,
            Created::Adopted(id) => {
                let id = crate::kind::split_id(&id).last().copied().unwrap_or(&id).to_string();
                let all = c.list_profiles_warehouses(&space).await.or_diag("list the space's profiles warehouses")?;
                all.into_iter().find(|p| p.id == id).ok_or_else(|| {
                    Diagnostics::from(tfplugin::Diagnostic::error(
                        "Profiles Warehouse Gone",
                        format!("The profiles warehouse {id} was found and then gone."),
                    ))
                })?
            }
        };
        Ok(settings::without_generated(ctx, from_api(&p, &planned), Some(&input.settings), &p.settings, &planned))
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let (space, id) = (required(&state, "space_id")?, required(&state, "id")?);
        let all =
            found(self.0.client()?.list_profiles_warehouses(&space).await, "list the space's profiles warehouses")?.unwrap_or_default();
        Ok(all.iter().find(|p| p.id == id).map(|p| settings::without_generated(ctx, from_api(p, &state), None, &p.settings, &state)))
    }

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let (space, id) = (required(&prior, "space_id")?, required(&prior, "id")?);
        let input = UpdateProfilesWarehouseInput {
            name: str_of(&planned, "name"),
            enabled: bool_of(&planned, "enabled"),
            settings: settings::for_update(&prior, &planned, config).into_iter().filter(|(k, v)| !(k == "name" && v.is_null())).collect(),
            schema_name: str_of(&planned, "schema_name"),
        };
        let p = self.0.client()?.update_profiles_warehouse(&space, &id, &input).await.or_diag("update the profiles warehouse")?;
        Ok(settings::without_generated(ctx, from_api(&p, &planned), Some(&input.settings), &p.settings, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let (space, id) = (required(&prior, "space_id")?, required(&prior, "id")?);
        deleted(self.0.client()?.delete_profiles_warehouse(&space, &id).await, "delete the profiles warehouse")
    }

    crate::import_by_parts!("space_id", "id", "<space_id>:<warehouse_id>");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Parts(["space_id", "id"]),
    audit_types: &[resource_type::PROFILES_WAREHOUSE],
    referenced_as: &[],
    list_scope: Some(("space_id", "The space whose profiles warehouses to list.")),
    resource: |api| std::sync::Arc::new(ProfilesWarehouseResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: None,
};

async fn list_all(c: &Client, scopes: &[String]) -> Result<Vec<Item>, Error> {
    let null = Value::Null;
    let mut out = Vec::new();
    for space in scopes {
        for p in c.list_profiles_warehouses(space).await? {
            let state = from_api(&p, &null);
            let display = state.get("name").as_str().unwrap_or(&p.id).to_string();
            out.push(KIND.item([space, &p.id], &display, state).with_secrets(crate::kind::warehouse_secrets(&p.settings)));
        }
    }
    Ok(out)
}
