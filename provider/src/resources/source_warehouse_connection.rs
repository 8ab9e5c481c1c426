//! `segment_source_warehouse_connection` (importable as `<source_id>:<warehouse_id>`, unlike v1.6.0).

use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api};
use crate::convert::required;
use crate::kind::{IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_source_warehouse_connection";

pub struct SourceWarehouseConnectionResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("source_id").required().requires_replace().describe("The source that loads into the warehouse."),
            Attribute::string("warehouse_id").required().requires_replace().describe("The warehouse the source loads into."),
        ])
        .describe("Connects a source to a warehouse."),
    )
}

pub fn value(source_id: &str, warehouse_id: &str) -> Value {
    Value::object([("source_id", Value::from(source_id)), ("warehouse_id", Value::from(warehouse_id))])
}

#[async_trait]
impl Resource for SourceWarehouseConnectionResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let (s, w) = (required(&planned, "source_id")?, required(&planned, "warehouse_id")?);
        let c = self.0.client()?;
        // A connection is unique per source and warehouse: after a lost answer, it is looked for.
        let (src, wh) = (s.clone(), w.clone());
        let lookup = crate::create::Lookup {
            list: Box::new(move || {
                let src = src.clone();
                Box::pin(async move {
                    Ok(c.source_connected_warehouses(&src)
                        .await?
                        .iter()
                        .map(|x| KIND.item([&src, &x.id], &x.id, Value::object([("warehouse_id", Value::from(x.id.as_str()))])))
                        .collect())
                })
            }),
            is_it: Box::new(move |i| i.state.get("warehouse_id").as_str() == Some(wh.as_str())),
            unique: true,
        };
        crate::create::create_once(TYPE, "source-warehouse connection", lookup, || c.connect_source_to_warehouse(&w, &s)).await?;
        Ok(planned)
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let (s, w) = (required(&state, "source_id")?, required(&state, "warehouse_id")?);
        let connected = found(self.0.client()?.source_connected_warehouses(&s).await, "list the source's warehouses")?.unwrap_or_default();
        Ok(connected.iter().any(|x| x.id == w).then(|| value(&s, &w)))
    }

    async fn update(&self, _ctx: &Ctx, _prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        Ok(planned)
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let (s, w) = (required(&prior, "source_id")?, required(&prior, "warehouse_id")?);
        deleted(self.0.client()?.disconnect_source_from_warehouse(&w, &s).await, "disconnect the source from the warehouse")
    }

    crate::import_by_parts!("source_id", "warehouse_id", "<source_id>:<warehouse_id>");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Parts(["source_id", "warehouse_id"]),
    audit_types: &[resource_type::SOURCE_WAREHOUSE_CONNECTION],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(SourceWarehouseConnectionResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: None,
};

/// The connection of a source and a warehouse, whichever end it was read from.
fn connection(s: &segsync_api::types::Source, warehouse_id: &str) -> Item {
    KIND.item([&s.id, warehouse_id], &format!("{} → {warehouse_id}", s.slug), value(&s.id, warehouse_id))
}

/// The connections of one warehouse (`segment_warehouse`: one request); `None` for other kinds.
pub async fn involving(c: &Client, of_type: &str, id: &str) -> Result<Option<Vec<Item>>, Error> {
    if of_type != "segment_warehouse" {
        return Ok(None);
    }
    match c.warehouse_connected_sources(id).await {
        Ok(sources) => Ok(Some(sources.iter().map(|s| connection(s, id)).collect())),
        Err(e) if e.is_not_found() => Ok(Some(Vec::new())),
        Err(e) => Err(e),
    }
}

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    // A connection can be read from either end: from the side with fewer objects (usually the
    // warehouses: `GET /warehouses/{id}/connected-sources`), one request per object of it.
    let sources = c.list_sources().await?;
    let warehouses = c.list_warehouses().await?;
    let mut out = if warehouses.len() < sources.len() {
        crate::kind::each(warehouses, |w| async move {
            Ok(c.warehouse_connected_sources(&w.id).await?.iter().map(|s| connection(s, &w.id)).collect())
        })
        .await?
    } else {
        crate::kind::each(sources, |s| async move {
            Ok(c.source_connected_warehouses(&s.id).await?.iter().map(|w| connection(&s, &w.id)).collect())
        })
        .await?
    };
    // The same order whichever end was read.
    out.sort_by(|a, b| a.import_id.cmp(&b.import_id));
    Ok(out)
}
