//! `segsync-api`: the wire types of the Segment Public API and a typed async client for it.

pub mod audit;
pub mod cli;
#[cfg(feature = "client")]
pub mod client;
pub mod contract;
pub mod data;
#[cfg(feature = "client")]
pub mod error;
pub mod mask;
#[cfg(feature = "client")]
pub mod pace;
pub mod timestamp;
pub mod types;

#[cfg(feature = "client")]
pub use client::{AuditFilter, Client, ClientBuilder, RetryPolicy, Token, DEFAULT_URL};
#[cfg(feature = "client")]
pub use error::Error;
