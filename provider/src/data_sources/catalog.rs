//! `data.segment_workspace`, the three catalog metadata data sources and `data.segment_role`.

use tfplugin::{async_trait, Attribute, Block, Ctx, DataSource, Diagnostics, Schema, Value};

use super::{exactly_one, lookup_key, reported_attrs};
use crate::api::{Api, OrDiag};
use crate::metadata;

pub struct Workspace(pub Api);

#[async_trait]
impl DataSource for Workspace {
    fn type_name(&self) -> &str {
        "segment_workspace"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(vec![
                Attribute::string("id").computed().describe("The workspace's id."),
                Attribute::string("name").computed().describe("The workspace's name."),
                Attribute::string("slug").computed().describe("The workspace's slug."),
            ])
            .describe("The workspace the provider's token belongs to."),
        )
    }

    async fn read(&self, _ctx: &Ctx, _config: &Value) -> Result<Value, Diagnostics> {
        let w = self.0.client()?.workspace().await.or_diag("read the workspace")?;
        Ok(Value::object([
            ("id", Value::from(w.id.as_str())),
            ("name", Value::from(w.name.as_str())),
            ("slug", Value::from(w.slug.as_str())),
        ]))
    }
}

/// Which catalog a metadata data source reads.
#[derive(Clone, Copy)]
pub enum Kind {
    Source,
    Destination,
    Warehouse,
}

pub struct Metadata(pub Api, pub Kind);

const KEYS: &[&str] = &["id", "slug", "name"];

#[async_trait]
impl DataSource for Metadata {
    fn type_name(&self) -> &str {
        match self.1 {
            Kind::Source => "segment_source_metadata",
            Kind::Destination => "segment_destination_metadata",
            Kind::Warehouse => "segment_warehouse_metadata",
        }
    }

    fn schema(&self) -> Schema {
        let (attrs, what) = match self.1 {
            Kind::Source => (metadata::source_attrs(), "source"),
            Kind::Destination => (metadata::destination_attrs(), "destination"),
            Kind::Warehouse => (metadata::warehouse_attrs(), "warehouse"),
        };
        Schema::new(
            0,
            Block::new(reported_attrs(attrs, KEYS))
                .describe(&format!("A {what} type of the catalog, looked up by `id`, `slug` or `name`.")),
        )
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, KEYS)?;
        let c = self.0.client()?;
        let pick = |id: &str, slug: &str, name: &str| match key {
            "id" => id == want,
            "slug" => slug == want,
            _ => name == want,
        };
        Ok(match self.1 {
            Kind::Source => {
                let all = c.sources_catalog().await.or_diag("read the sources catalog")?;
                metadata::source_value(&exactly_one(
                    all.into_iter().filter(|m| pick(&m.id, &m.slug, &m.name)).collect(),
                    "Source Type",
                    key,
                    &want,
                    |m| m.id.clone(),
                )?)
            }
            Kind::Destination => {
                let all = c.destinations_catalog().await.or_diag("read the destinations catalog")?;
                metadata::destination_value(&exactly_one(
                    all.into_iter().filter(|m| pick(&m.id, &m.slug, &m.name)).collect(),
                    "Destination Type",
                    key,
                    &want,
                    |m| m.id.clone(),
                )?)
            }
            Kind::Warehouse => {
                let all = c.warehouses_catalog().await.or_diag("read the warehouses catalog")?;
                metadata::warehouse_value(&exactly_one(
                    all.into_iter().filter(|m| pick(&m.id, &m.slug, &m.name)).collect(),
                    "Warehouse Type",
                    key,
                    &want,
                    |m| m.id.clone(),
                )?)
            }
        })
    }
}

pub struct Role(pub Api);

#[async_trait]
impl DataSource for Role {
    fn type_name(&self) -> &str {
        "segment_role"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(vec![
                Attribute::string("id").optional_computed().describe("The role's id."),
                Attribute::string("name").optional_computed().describe("The role's name, such as `Workspace Owner`."),
                Attribute::string("description").computed().describe("What the role allows."),
            ])
            .describe("A role, looked up by `id` or `name`, for permissions of users and groups."),
        )
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, &["id", "name"])?;
        let roles = self.0.client()?.list_roles().await.or_diag("list roles")?;
        let r = exactly_one(
            roles.into_iter().filter(|r| if key == "id" { r.id == want } else { r.name == want }).collect(),
            "Role",
            key,
            &want,
            |r| r.id.clone(),
        )?;
        Ok(Value::object([
            ("id", Value::from(r.id.as_str())),
            ("name", Value::from(r.name.as_str())),
            ("description", Value::from(r.description.as_str())),
        ]))
    }
}
