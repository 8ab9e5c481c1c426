//! `segsync-api`: the wire types of the Segment Public API and a typed async client for it.

pub mod cli;
pub mod client;
pub mod data;
pub mod error;
pub mod types;

pub use client::{AuditFilter, Client, ClientBuilder, RetryPolicy, Token, DEFAULT_URL};
pub use error::Error;
