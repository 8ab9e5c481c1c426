//! `segment_destination`.

use segsync_api::types::{CreateDestinationInput, Destination, UpdateDestinationInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, opt_str, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::{metadata, settings};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_destination";

pub struct DestinationResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The destination's id."),
        Attribute::string("name").optional().describe("The destination's display name."),
        Attribute::bool("enabled").required().describe("Whether events flow to the destination."),
        Attribute::string("source_id")
            .required()
            .requires_replace()
            .describe("The source whose events the destination receives. Changing it replaces the destination."),
        metadata::resource_metadata(metadata::destination_attrs(), "destination"),
    ];
    attrs.extend(settings::attributes(true, "destination"));
    Schema::new(0, Block::new(attrs).describe("A destination: where a source's events are sent."))
}

pub fn from_api(d: &Destination, prior: &Value) -> Value {
    let mut attrs = vec![
        ("id", Value::from(d.id.as_str())),
        ("name", opt_str(d.name.as_deref())),
        ("enabled", Value::Bool(d.enabled)),
        ("source_id", Value::from(d.source_id.as_str())),
        ("metadata", metadata::destination_value(&d.metadata)),
    ];
    attrs.extend(settings::state(&d.settings, prior, &[]));
    Value::object(attrs)
}

#[async_trait]
impl Resource for DestinationResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let input = CreateDestinationInput {
            source_id: required(&planned, "source_id")?,
            metadata_id: required(planned.get("metadata"), "id")?,
            enabled: bool_of(&planned, "enabled"),
            name: str_of(&planned, "name"),
            settings: settings::for_create(planned.get("settings"), config.get("settings_wo")),
        };
        let c = self.0.client()?;
        let lookup =
            Lookup::in_kind(&KIND, c, vec![], false, |i| same_fields(&planned, &i.state, &["name", "source_id", "metadata.id", "enabled"]));
        let d = match create_once(TYPE, "destination", lookup, || c.create_destination(&input)).await? {
            Created::New(d) => d,
            Created::Adopted(id) => c.get_destination(&id).await.or_diag("read the destination")?,
        };
        Ok(settings::without_generated(ctx, from_api(&d, &planned), Some(&input.settings), &d.settings, &planned))
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        Ok(found(self.0.client()?.get_destination(&id).await, "read the destination")?
            .map(|d| settings::without_generated(ctx, from_api(&d, &state), None, &d.settings, &state)))
    }

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let id = required(&prior, "id")?;
        let input = UpdateDestinationInput {
            name: Some(str_of(&planned, "name")),
            enabled: bool_of(&planned, "enabled"),
            settings: Some(settings::for_update(&prior, &planned, config)),
        };
        let d = self.0.client()?.update_destination(&id, &input).await.or_diag("update the destination")?;
        Ok(settings::without_generated(ctx, from_api(&d, &planned), input.settings.as_ref(), &d.settings, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_destination(&required(&prior, "id")?).await, "delete the destination")
    }

    crate::import_by_id!("destination");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::DESTINATION],
    referenced_as: &["destination_id", "integration_id"],
    list_scope: None,
    resource: |api| std::sync::Arc::new(DestinationResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    // Page by page: each destination carries its catalog metadata, so the whole decoded list
    // would be many times the items made from it.
    use futures_util::TryStreamExt;
    c.destinations().map_ok(|d| item(&d)).try_collect().await
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    Ok(gone(c.get_destination(a).await)?.as_ref().map(item))
}

fn item(d: &Destination) -> Item {
    KIND.item([&d.id, ""], d.name.as_deref().unwrap_or(&d.metadata.name), from_api(d, &Value::Null))
        .with_secrets(segsync_api::mask::masked_keys(&d.settings))
}
