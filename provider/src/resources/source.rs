//! `segment_source`.

use segsync_api::types::{CreateSourceInput, Label, Source, UpdateSourceInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Type, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, collection_or_null, elements, required, str_list, str_of};
use crate::create::{create_once, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::{metadata, settings};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_source";

pub struct SourceResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The source's id."),
        Attribute::string("slug")
            .required()
            .describe("The source's slug: lowercase letters, digits, `_` and `-`, unique in the workspace."),
        Attribute::string("name")
            .optional_computed()
            .use_state_for_unknown()
            .describe("The source's display name; the catalog name when not set."),
        metadata::resource_metadata(metadata::source_attrs(), "source"),
        Attribute::string("workspace_id").computed().use_state_for_unknown().describe("The workspace the source belongs to."),
        Attribute::bool("enabled").required().describe("Whether the source accepts data."),
        Attribute::list("write_keys", Type::String).computed().use_state_for_unknown().describe("Keys clients send data with."),
        Attribute::nested("labels", Nesting::Set, vec![Attribute::string("key").required(), Attribute::string("value").required()])
            .optional()
            .max_items(200)
            .describe("Labels on the source; each must exist in the workspace (see `segment_label`)."),
    ];
    attrs.extend(settings::attributes(true, "source"));
    Schema::new(0, Block::new(attrs).describe("A source: where events enter the workspace."))
}

/// The state of a source as the API returns it; `prior` carries what only the configuration
/// knows (secrets in `settings`, the write-only version, the form of empty labels).
pub fn from_api(src: &Source, prior: &Value) -> Value {
    let labels = src
        .labels
        .iter()
        .map(|l| Value::object([("key", Value::from(l.key.as_str())), ("value", Value::from(l.value.as_str()))]))
        .collect();
    let mut attrs = vec![
        ("id", Value::from(src.id.as_str())),
        ("slug", Value::from(src.slug.as_str())),
        ("name", src.name.as_deref().map(Value::from).unwrap_or(Value::Null)),
        ("metadata", metadata::source_value(&src.metadata)),
        ("workspace_id", Value::from(src.workspace_id.as_str())),
        ("enabled", Value::Bool(src.enabled)),
        ("write_keys", str_list(&src.write_keys)),
        ("labels", collection_or_null(labels, prior.get("labels"), true)),
    ];
    attrs.extend(settings::state(&src.settings.clone().unwrap_or_default(), prior, &[]));
    Value::object(attrs)
}

fn labels_of(v: &Value) -> Result<Vec<Label>, Diagnostics> {
    elements(v, "labels").iter().map(|l| Ok(Label { key: required(l, "key")?, value: required(l, "value")?, description: None })).collect()
}

#[async_trait]
impl Resource for SourceResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let c = self.0.client()?;
        let input = CreateSourceInput {
            slug: required(&planned, "slug")?,
            enabled: bool_of(&planned, "enabled").unwrap_or(false),
            metadata_id: required(planned.get("metadata"), "id")?,
            settings: Some(settings::for_create(planned.get("settings"), config.get("settings_wo"))),
            disconnect_all_warehouses: None,
            name: None,
        };
        let slug = input.slug.clone();
        let lookup = Lookup::in_kind(&KIND, c, vec![], true, move |i| i.state.get("slug").as_str() == Some(slug.as_str()));
        let mut src = match create_once(TYPE, "source", lookup, || c.create_source(&input)).await? {
            Created::New(s) => s,
            Created::Adopted(id) => c.get_source(&id).await.or_diag("read the source")?.source,
        };
        // Follow-up calls; if one fails the new source is deleted again, so nothing is orphaned.
        let rest = async {
            if let Some(name) = str_of(&planned, "name").filter(|n| Some(n) != src.name.as_ref()) {
                src = c
                    .update_source(&src.id, &UpdateSourceInput { name: Some(name), ..Default::default() })
                    .await
                    .or_diag("name the new source")?;
            }
            let labels = labels_of(&planned)?;
            if !labels.is_empty() {
                src.labels = c.replace_source_labels(&src.id, labels).await.or_diag("label the new source")?;
            }
            Ok::<_, Diagnostics>(())
        };
        if let Err(d) = rest.await {
            return Err(crate::api::roll_back(d, c.delete_source(&src.id), "source", from_api(&src, &planned)).await);
        }
        let remote = src.settings.clone().unwrap_or_default();
        Ok(settings::without_generated(ctx, from_api(&src, &planned), input.settings.as_ref(), &remote, &planned))
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        let c = self.0.client()?;
        Ok(found(c.read_source(&id).await, "read the source")?.map(|s| {
            let remote = s.settings.clone().unwrap_or_default();
            settings::without_generated(ctx, from_api(&s, &state), None, &remote, &state)
        }))
    }

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let c = self.0.client()?;
        let id = required(&prior, "id")?;
        let input = UpdateSourceInput {
            name: str_of(&planned, "name"),
            enabled: bool_of(&planned, "enabled"),
            slug: str_of(&planned, "slug").filter(|s| Some(s) != str_of(&prior, "slug").as_ref()),
            settings: Some(settings::for_update(&prior, &planned, config)),
        };
        let mut src = c.update_source(&id, &input).await.or_diag("update the source")?;
        if !prior.get("labels").semantically_equal(planned.get("labels")) {
            src.labels = c.replace_source_labels(&id, labels_of(&planned)?).await.or_diag("replace the source's labels")?;
        }
        let remote = src.settings.clone().unwrap_or_default();
        Ok(settings::without_generated(ctx, from_api(&src, &planned), input.settings.as_ref(), &remote, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let c = self.0.client()?;
        deleted(c.delete_source(&required(&prior, "id")?).await, "delete the source")
    }

    crate::import_by_id!("source");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::SOURCE],
    referenced_as: &["source_id"],
    list_scope: None,
    resource: |api| std::sync::Arc::new(SourceResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let null = Value::Null;
    Ok(c.list_sources().await?.iter().map(|s| item(s, &null)).collect())
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    Ok(gone(c.get_source(a).await)?.map(|d| item(&d.source, &null)))
}

fn item(s: &Source, null: &Value) -> Item {
    let secrets = s.settings.as_ref().map(segsync_api::mask::masked_keys).unwrap_or_default();
    KIND.item([&s.id, ""], &s.slug, from_api(s, null)).with_secrets(secrets)
}
