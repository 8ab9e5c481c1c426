//! `segment_reverse_etl_model`.

use segsync_api::types::{CreateReverseEtlModelInput, ReverseEtlModel, UpdateReverseEtlModelInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_reverse_etl_model";

pub struct ReverseEtlModelResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().use_state_for_unknown().describe("The model's id."),
            Attribute::string("source_id").required().requires_replace().describe("The warehouse source the model queries."),
            Attribute::string("name").required().describe("The model's name."),
            Attribute::string("description").required().describe("What the model selects."),
            Attribute::bool("enabled").required().describe("Whether the model runs."),
            Attribute::string("schedule_strategy")
                .optional()
                .deprecated("Schedules live on `segment_destination_subscription.reverse_etl_schedule`.")
                .describe("Deprecated; kept for old configurations."),
            Attribute::string("query").required().describe("The SQL query."),
            Attribute::string("query_identifier_column").required().describe("The column that identifies a row."),
            Attribute::json("schedule_config")
                .optional()
                .deprecated("Schedules live on `segment_destination_subscription.reverse_etl_schedule`.")
                .describe("Deprecated; kept for old configurations."),
        ])
        .describe("A reverse-ETL model: a query whose rows are sent to destinations."),
    )
}

pub fn from_api(m: &ReverseEtlModel, prior: &Value) -> Value {
    Value::object([
        ("id", Value::from(m.id.as_str())),
        ("source_id", Value::from(m.source_id.as_str())),
        ("name", Value::from(m.name.as_str())),
        ("description", Value::from(m.description.as_str())),
        ("enabled", Value::Bool(m.enabled)),
        ("schedule_strategy", prior.get("schedule_strategy").clone()),
        ("query", Value::from(m.query.as_str())),
        ("query_identifier_column", Value::from(m.query_identifier_column.as_str())),
        ("schedule_config", prior.get("schedule_config").clone()),
    ])
}

#[async_trait]
impl Resource for ReverseEtlModelResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let input = CreateReverseEtlModelInput {
            source_id: required(&planned, "source_id")?,
            name: required(&planned, "name")?,
            description: required(&planned, "description")?,
            enabled: bool_of(&planned, "enabled").unwrap_or(false),
            query: required(&planned, "query")?,
            query_identifier_column: required(&planned, "query_identifier_column")?,
        };
        let c = self.0.client()?;
        let lookup = Lookup::in_kind(&KIND, c, vec![], false, |i| {
            same_fields(&planned, &i.state, &["name", "source_id", "description", "query", "query_identifier_column", "enabled"])
        });
        let m = match create_once(TYPE, "reverse ETL model", lookup, || c.create_reverse_etl_model(&input)).await? {
            Created::New(m) => m,
            Created::Adopted(id) => c.get_reverse_etl_model(&id).await.or_diag("read the reverse ETL model")?,
        };
        Ok(from_api(&m, &planned))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        Ok(found(self.0.client()?.get_reverse_etl_model(&id).await, "read the reverse ETL model")?.map(|m| from_api(&m, &state)))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let id = required(&prior, "id")?;
        let input = UpdateReverseEtlModelInput {
            name: str_of(&planned, "name"),
            description: str_of(&planned, "description"),
            enabled: bool_of(&planned, "enabled"),
            query: str_of(&planned, "query"),
            query_identifier_column: str_of(&planned, "query_identifier_column"),
        };
        let m = self.0.client()?.update_reverse_etl_model(&id, &input).await.or_diag("update the reverse ETL model")?;
        Ok(from_api(&m, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_reverse_etl_model(&required(&prior, "id")?).await, "delete the reverse ETL model")
    }

    crate::import_by_id!("reverse ETL model");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::REVERSE_ETL_MODEL],
    referenced_as: &["model_id"],
    list_scope: None,
    resource: |api| std::sync::Arc::new(ReverseEtlModelResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let null = Value::Null;
    Ok(c.list_reverse_etl_models().await?.iter().map(|m| KIND.item([&m.id, ""], &m.name, from_api(m, &null))).collect())
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    Ok(gone(c.get_reverse_etl_model(a).await)?.map(|m| KIND.item([a, ""], &m.name, from_api(&m, &null))))
}
