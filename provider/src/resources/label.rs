//! `segment_label`.

use segsync_api::types::Label;
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, Api, OrDiag};
use crate::convert::{opt_str, required, str_of};
use crate::create::{create_once, Created, Lookup};
use crate::kind::{IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_label";

pub struct LabelResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("key").required().requires_replace().describe("The label's key, such as `environment`."),
            Attribute::string("value").required().requires_replace().describe("The label's value, such as `prod`."),
            Attribute::string("description").optional().requires_replace().describe("What the label means."),
        ])
        .describe("A label (`key:value`) that sources can carry and permissions can be scoped to."),
    )
}

pub fn from_api(l: &Label) -> Value {
    Value::object([
        ("key", Value::from(l.key.as_str())),
        ("value", Value::from(l.value.as_str())),
        ("description", opt_str(l.description.as_deref())),
    ])
}

#[async_trait]
impl Resource for LabelResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let label =
            Label { key: required(&planned, "key")?, value: required(&planned, "value")?, description: str_of(&planned, "description") };
        let c = self.0.client()?;
        let (k, v) = (label.key.clone(), label.value.clone());
        let lookup = Lookup::in_kind(&KIND, c, vec![], true, move |i| {
            i.state.get("key").as_str() == Some(k.as_str()) && i.state.get("value").as_str() == Some(v.as_str())
        });
        // Labels have no read by key: an adopted label is the one asked for.
        let l = match create_once(TYPE, "label", lookup, || c.create_label(&label)).await? {
            Created::New(l) => l,
            Created::Adopted(_) => label.clone(),
        };
        Ok(from_api(&l))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let (k, v) = (required(&state, "key")?, required(&state, "value")?);
        let labels = self.0.client()?.list_labels().await.or_diag("list labels")?;
        Ok(labels.iter().find(|l| l.key == k && l.value == v).map(from_api))
    }

    async fn update(&self, _ctx: &Ctx, _prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        Ok(planned)
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let (k, v) = (required(&prior, "key")?, required(&prior, "value")?);
        deleted(self.0.client()?.delete_label(&k, &v).await, "delete the label")
    }

    crate::import_by_parts!("key", "value", "<key>:<value>");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Parts(["key", "value"]),
    audit_types: &[resource_type::LABEL],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(LabelResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: None,
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    Ok(c.list_labels().await?.iter().map(|l| KIND.item([&l.key, &l.value], &format!("{}:{}", l.key, l.value), from_api(l))).collect())
}
