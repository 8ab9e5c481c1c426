//! `terraform-provider-segment` as a library: the provider, its resources and data sources, and
//! the API → Terraform value mapping each resource uses (shared with the exporter).

use std::sync::Arc;

use segsync_api::{Client, Token, DEFAULT_URL};
use tfplugin::{async_trait, Attribute, Block, Ctx, DataSource, Diagnostic, Diagnostics, ListResource, Provider, Resource, Schema, Value};

pub mod api;
pub mod convert;
pub mod create;
pub mod data_sources;
pub mod docs;
pub mod identity;
pub mod inventory;
pub mod kind;
pub mod metadata;
pub mod permissions;
pub mod resources;
pub mod settings;

use api::Api;
use resources::*;

/// The provider. `Default` gives an unconfigured one; Terraform configures it.
#[derive(Default)]
pub struct SegmentProvider {
    api: Api,
}

pub fn provider_schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("url")
                .optional()
                .describe("The API's base URL. Defaults to `PUBLIC_API_URL`, then `https://api.segmentapis.com`."),
            Attribute::string("token").optional().sensitive().describe("An API token of the workspace. Defaults to `PUBLIC_API_TOKEN`."),
        ])
        .describe("Manage a Segment workspace (or a segsync-server) as code."),
    )
}

#[async_trait]
impl Provider for SegmentProvider {
    fn schema(&self) -> Schema {
        provider_schema()
    }

    async fn configure(&self, ctx: &Ctx, config: &Value) -> Diagnostics {
        let url = config
            .get("url")
            .as_str()
            .map(str::to_string)
            .or_else(|| std::env::var("PUBLIC_API_URL").ok().filter(|v| !v.is_empty()))
            .unwrap_or_else(|| DEFAULT_URL.to_string());
        let Some(token) =
            config.get("token").as_str().map(str::to_string).or_else(|| std::env::var("PUBLIC_API_TOKEN").ok().filter(|v| !v.is_empty()))
        else {
            return Diagnostic::error(
                "Missing API Token",
                "The segment provider needs an API token: set `token` in the provider block or the PUBLIC_API_TOKEN environment variable.",
            )
            .at(tfplugin::AttrPath::attr("token"))
            .into();
        };
        let client = match Client::builder(&url, Token::new(token))
            .user_agent(format!("terraform-provider-segment/{} terraform/{}", env!("CARGO_PKG_VERSION"), ctx.terraform_version))
            // A refresh reads every object: from the third read of a kind on, one listing of the
            // kind serves the rest (`SEGSYNC_READ_COALESCING=off` reads each object by its GET).
            .coalesce_reads(std::env::var("SEGSYNC_READ_COALESCING").map_or(true, |v| v != "off"))
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                return Diagnostic::error(
                    "Invalid Provider Configuration",
                    format!("{e}. Set `url` (or PUBLIC_API_URL) to the API's base URL, such as {DEFAULT_URL}."),
                )
                .at(tfplugin::AttrPath::attr("url"))
                .into()
            }
        };
        if let Err(e) = client.workspace().await {
            return api::error(&format!("reach the workspace at {url}"), &e);
        }
        self.api.set(client);
        Diagnostics::new()
    }

    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        resources::ALL.iter().map(|k| (k.resource)(self.api.clone())).collect()
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource>> {
        use data_sources::{catalog, objects};
        let a = &self.api;
        vec![
            Arc::new(catalog::Workspace(a.clone())),
            Arc::new(objects::Source(a.clone())),
            Arc::new(catalog::Metadata(a.clone(), catalog::Kind::Source)),
            Arc::new(objects::Destination(a.clone())),
            Arc::new(catalog::Metadata(a.clone(), catalog::Kind::Destination)),
            Arc::new(objects::Warehouse(a.clone())),
            Arc::new(catalog::Metadata(a.clone(), catalog::Kind::Warehouse)),
            Arc::new(objects::TrackingPlan(a.clone())),
            Arc::new(catalog::Role(a.clone())),
            Arc::new(objects::User(a.clone())),
        ]
    }

    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        resources::ALL.iter().map(|k| Arc::new(listing::Listing { api: self.api.clone(), kind: k }) as Arc<dyn ListResource>).collect()
    }
}
