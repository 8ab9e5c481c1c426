//! `tfplugin`: the Terraform plugin protocol v6 (6.10) for providers written in Rust.
//!
//! - [`serve`] runs a provider the way Terraform expects (go-plugin handshake, AutoMTLS, health,
//!   controller, stdio, `--debug` reattach mode).
//! - [`Value`] / [`Type`] and [`codec`] carry Terraform's values (msgpack and JSON, unknowns,
//!   exact numbers, `dynamic`).
//! - [`schema`] describes attributes and blocks; [`plan`] derives plans from schema flags.
//! - [`provider`] holds the traits a provider implements.
//!
//! Nothing here knows about any particular API.

pub mod codec;
pub mod diagnostics;
pub mod handshake;
pub mod log;
pub mod plan;
pub mod provider;
pub mod schema;
pub mod server;
pub mod tls;
pub mod value;

pub mod proto {
    //! Generated from `proto/` at build time.
    #![allow(clippy::all, missing_docs, unreachable_pub)]
    pub mod tfplugin6 {
        tonic::include_proto!("tfplugin6");
    }
    pub mod plugin {
        tonic::include_proto!("plugin");
    }
}

pub use async_trait::async_trait;
pub use diagnostics::{AttrPath, Diagnostic, Diagnostics};
pub use handshake::{serve, ServeOptions, PROTOCOL_MINOR, PROTOCOL_VERSION};
pub use provider::{Ctx, DataSource, Failure, ListItem, ListResource, PlanChange, Private, Provider, Resource};
pub use schema::{AttrKind, Attribute, Block, IdentitySchema, Nesting, Schema};
pub use value::{Number, Type, Value};
