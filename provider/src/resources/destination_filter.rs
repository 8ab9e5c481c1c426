//! `segment_destination_filter` (import id `<destination_id>:<filter_id>`).

use segsync_api::types::{CreateFilterInput, DestinationFilter, FilterAction, UpdateFilterInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, elements, f64_of, opt_num, opt_str, parse_json, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_destination_filter";

pub struct DestinationFilterResource(pub Api);

fn upper_case(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some(s) if s.is_empty() || !s.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {
            Err(format!("Expected an upper-case enum value such as DROP or ALLOW_PROPERTIES, got {s:?}."))
        }
        _ => Ok(()),
    }
}

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().use_state_for_unknown().describe("The filter's id."),
            Attribute::string("if").required().describe("The FQL condition events must match for the actions to apply."),
            Attribute::string("destination_id").required().requires_replace().describe("The destination the filter belongs to."),
            Attribute::string("source_id").required().requires_replace().describe("The destination's source."),
            Attribute::string("title").required().describe("The filter's title."),
            Attribute::string("description").optional().describe("What the filter is for."),
            Attribute::bool("enabled").required().describe("Whether the filter applies."),
            Attribute::nested(
                "actions",
                Nesting::Set,
                vec![
                    Attribute::string("type")
                        .required()
                        .check(upper_case)
                        .one_of(&["ALLOW_PROPERTIES", "DROP", "DROP_PROPERTIES", "SAMPLE"])
                        .describe("ALLOW_PROPERTIES, DROP, DROP_PROPERTIES or SAMPLE."),
                    Attribute::number("percent").optional().describe("For SAMPLE: the share of events kept, 0 to 1."),
                    Attribute::string("path").optional().describe("For SAMPLE: the property sampled on."),
                    Attribute::json("fields").optional().describe("For the *_PROPERTIES actions: the properties, as JSON."),
                ],
            )
            .required()
            .describe("What the filter does to matching events."),
        ])
        .describe("A filter on a destination: drop, sample or trim events before they are sent."),
    )
}

pub fn from_api(f: &DestinationFilter, prior: &Value) -> Value {
    let prior_actions = elements(prior, "actions").to_vec();
    let actions = f
        .actions
        .iter()
        .map(|a| {
            let fields = a.fields.as_ref().map(|m| serde_json::Value::Object(m.clone()));
            let mut v = Value::object([
                ("type", Value::from(a.kind.as_str())),
                ("percent", opt_num(a.percent)),
                ("path", opt_str(a.path.as_deref())),
                ("fields", crate::convert::opt_json_text(fields.as_ref())),
            ]);
            // Keep the configured JSON text of fields when it holds the same JSON.
            if let Some(p) = prior_actions.iter().find(|p| p.get("type") == v.get("type") && p.get("path") == v.get("path")) {
                let kept = tfplugin::plan::keep_json_text(p.get("fields"), v.get("fields").clone());
                v.set("fields", kept);
            }
            v
        })
        .collect();
    Value::object([
        ("id", Value::from(f.id.as_str())),
        ("if", Value::from(f.condition.as_str())),
        ("destination_id", Value::from(f.destination_id.as_str())),
        ("source_id", Value::from(f.source_id.as_str())),
        ("title", Value::from(f.title.as_str())),
        ("description", opt_str(f.description.as_deref())),
        ("enabled", Value::Bool(f.enabled)),
        ("actions", Value::Set(actions)),
    ])
}

fn actions_of(v: &Value) -> Result<Vec<FilterAction>, Diagnostics> {
    elements(v, "actions")
        .iter()
        .map(|a| {
            Ok(FilterAction {
                kind: required(a, "type")?,
                percent: f64_of(a, "percent"),
                path: str_of(a, "path"),
                fields: parse_json(a.get("fields")).and_then(|j| j.as_object().cloned()),
            })
        })
        .collect()
}

#[async_trait]
impl Resource for DestinationFilterResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let dest = required(&planned, "destination_id")?;
        let input = CreateFilterInput {
            source_id: required(&planned, "source_id")?,
            condition: required(&planned, "if")?,
            actions: actions_of(&planned)?,
            title: required(&planned, "title")?,
            description: str_of(&planned, "description"),
            enabled: bool_of(&planned, "enabled").unwrap_or(false),
        };
        let c = self.0.client()?;
        let d = dest.clone();
        let lookup = Lookup {
            list: Box::new(move || {
                let d = d.clone();
                Box::pin(async move {
                    Ok(c.list_filters(&d).await?.iter().map(|f| KIND.item([&d, &f.id], &f.title, from_api(f, &Value::Null))).collect())
                })
            }),
            is_it: Box::new(|i: &Item| same_fields(&planned, &i.state, &["title", "if", "source_id", "enabled", "description"])),
            unique: false,
        };
        let f = match create_once(TYPE, "destination filter", lookup, || c.create_filter(&dest, &input)).await? {
            Created::New(f) => f,
            Created::Adopted(id) => c
                .get_filter(&dest, crate::kind::split_id(&id).last().copied().unwrap_or(&id))
                .await
                .or_diag("read the destination filter")?,
        };
        Ok(from_api(&f, &planned))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let (d, id) = (required(&state, "destination_id")?, required(&state, "id")?);
        Ok(found(self.0.client()?.get_filter(&d, &id).await, "read the destination filter")?.map(|f| from_api(&f, &state)))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let (d, id) = (required(&prior, "destination_id")?, required(&prior, "id")?);
        let input = UpdateFilterInput {
            condition: str_of(&planned, "if"),
            actions: Some(actions_of(&planned)?),
            title: str_of(&planned, "title"),
            description: Some(str_of(&planned, "description")),
            enabled: bool_of(&planned, "enabled"),
        };
        let f = self.0.client()?.update_filter(&d, &id, &input).await.or_diag("update the destination filter")?;
        Ok(from_api(&f, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let (d, id) = (required(&prior, "destination_id")?, required(&prior, "id")?);
        deleted(self.0.client()?.delete_filter(&d, &id).await, "delete the destination filter")
    }

    crate::import_by_parts!("destination_id", "id", "<destination_id>:<filter_id>");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Parts(["destination_id", "id"]),
    audit_types: &[resource_type::DESTINATION_FILTER],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(DestinationFilterResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let null = &Value::Null;
    // Ids only: a destination carries its catalog metadata, which the fan-out need not hold.
    let ids: Vec<String> = c.destination_refs().await?.into_iter().map(|d| d.id).collect();
    crate::kind::each(ids, |d| async move {
        Ok(c.list_filters(&d).await?.iter().map(|f| KIND.item([&d, &f.id], &f.title, from_api(f, null))).collect())
    })
    .await
}

async fn get_one(c: &Client, a: &str, b: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    Ok(gone(c.get_filter(a, b).await)?.map(|f| KIND.item([a, b], &f.title, from_api(&f, &null))))
}
