//! `segment_transformation`.

use segsync_api::types::{
    CreateTransformationInput, FqlDefinedProperty, PropertyRename, PropertyValueTransformation, Transformation, TransformationFields,
    UpdateTransformationInput,
};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Type, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, elements, opt_str, required, str_of, str_set, strings_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_transformation";

pub struct TransformationResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().use_state_for_unknown().describe("The transformation's id."),
            Attribute::string("source_id").required().describe("The source whose events are transformed."),
            Attribute::string("destination_metadata_id").optional().describe("Limit the transformation to one destination type."),
            Attribute::string("name").required().describe("The transformation's name."),
            Attribute::bool("enabled").required().describe("Whether the transformation applies."),
            Attribute::string("if").required().describe("The FQL condition events must match."),
            Attribute::string("new_event_name").optional().describe("Renames matching events."),
            Attribute::nested(
                "property_renames",
                Nesting::Set,
                vec![Attribute::string("old_name").required(), Attribute::string("new_name").required()],
            )
            .required()
            .describe("Properties to rename."),
            Attribute::nested(
                "property_value_transformations",
                Nesting::Set,
                vec![Attribute::set("property_paths", Type::String).required(), Attribute::string("property_value").required()],
            )
            .required()
            .describe("Properties whose values are replaced."),
            Attribute::nested(
                "fql_defined_properties",
                Nesting::Set,
                vec![Attribute::string("fql").required(), Attribute::string("property_name").required()],
            )
            .required()
            .describe("Properties computed with FQL."),
        ])
        .describe("A transformation: rename events and properties, or compute new ones, as events flow from a source."),
    )
}

pub fn from_api(t: &Transformation) -> Value {
    let f = &t.fields;
    Value::object([
        ("id", Value::from(t.id.as_str())),
        ("source_id", Value::from(t.source_id.as_str())),
        ("destination_metadata_id", opt_str(f.destination_metadata_id.as_deref())),
        ("name", Value::from(t.name.as_str())),
        ("enabled", Value::Bool(t.enabled)),
        ("if", Value::from(t.condition.as_str())),
        ("new_event_name", opt_str(f.new_event_name.as_deref())),
        (
            "property_renames",
            Value::Set(
                f.property_renames
                    .iter()
                    .flatten()
                    .map(|r| {
                        Value::object([("old_name", Value::from(r.old_name.as_str())), ("new_name", Value::from(r.new_name.as_str()))])
                    })
                    .collect(),
            ),
        ),
        (
            "property_value_transformations",
            Value::Set(
                f.property_value_transformations
                    .iter()
                    .flatten()
                    .map(|p| {
                        Value::object([
                            ("property_paths", str_set(&p.property_paths)),
                            ("property_value", Value::from(p.property_value.as_str())),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "fql_defined_properties",
            Value::Set(
                f.fql_defined_properties
                    .iter()
                    .flatten()
                    .map(|p| {
                        Value::object([("fql", Value::from(p.fql.as_str())), ("property_name", Value::from(p.property_name.as_str()))])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn fields_of(v: &Value) -> Result<TransformationFields, Diagnostics> {
    let items = |name: &str| elements(v, name);
    Ok(TransformationFields {
        destination_metadata_id: str_of(v, "destination_metadata_id"),
        drop: None,
        new_event_name: str_of(v, "new_event_name"),
        property_renames: Some(
            items("property_renames")
                .iter()
                .map(|r| Ok(PropertyRename { old_name: required(r, "old_name")?, new_name: required(r, "new_name")? }))
                .collect::<Result<_, Diagnostics>>()?,
        ),
        property_value_transformations: Some(
            items("property_value_transformations")
                .iter()
                .map(|p| {
                    Ok(PropertyValueTransformation {
                        property_paths: strings_of(p.get("property_paths")),
                        property_value: required(p, "property_value")?,
                    })
                })
                .collect::<Result<_, Diagnostics>>()?,
        ),
        fql_defined_properties: Some(
            items("fql_defined_properties")
                .iter()
                .map(|p| Ok(FqlDefinedProperty { fql: required(p, "fql")?, property_name: required(p, "property_name")? }))
                .collect::<Result<_, Diagnostics>>()?,
        ),
        allow_properties: None,
        hash_properties_configuration: None,
    })
}

#[async_trait]
impl Resource for TransformationResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let input = CreateTransformationInput {
            name: required(&planned, "name")?,
            source_id: required(&planned, "source_id")?,
            enabled: bool_of(&planned, "enabled").unwrap_or(false),
            condition: required(&planned, "if")?,
            fields: fields_of(&planned)?,
        };
        let c = self.0.client()?;
        let lookup = Lookup::in_kind(&KIND, c, vec![], false, |i| same_fields(&planned, &i.state, &["name", "source_id", "if", "enabled"]));
        let t = match create_once(TYPE, "transformation", lookup, || c.create_transformation(&input)).await? {
            Created::New(t) => t,
            Created::Adopted(id) => c.get_transformation(&id).await.or_diag("read the transformation")?,
        };
        Ok(from_api(&t))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        Ok(found(self.0.client()?.get_transformation(&id).await, "read the transformation")?.map(|t| from_api(&t)))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let id = required(&prior, "id")?;
        let input = UpdateTransformationInput {
            name: str_of(&planned, "name"),
            source_id: str_of(&planned, "source_id"),
            enabled: bool_of(&planned, "enabled"),
            condition: str_of(&planned, "if"),
            fields: fields_of(&planned)?,
        };
        let t = self.0.client()?.update_transformation(&id, &input).await.or_diag("update the transformation")?;
        Ok(from_api(&t))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_transformation(&required(&prior, "id")?).await, "delete the transformation")
    }

    crate::import_by_id!("transformation");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::TRANSFORMATION],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(TransformationResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    Ok(c.list_transformations().await?.iter().map(|t| KIND.item([&t.id, ""], &t.name, from_api(t))).collect())
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    Ok(gone(c.get_transformation(a).await)?.map(|t| KIND.item([a, ""], &t.name, from_api(&t))))
}
