//! The inventory of a workspace: every object of every kind, as the state an import of it would
//! produce, with its import id and identity. `terraform query` and the exporter both read the
//! workspace through this; what each kind lists and reads is its [`Kind`](crate::kind::Kind).

use segsync_api::{Client, Error};

pub use crate::kind::Item;
use crate::resources::{kind, ALL};

/// Every resource type, in an order where an object's dependencies come first.
pub fn types() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|k| k.type_name)
}

/// Every object of one resource type. `spaces` are the spaces whose profiles warehouses to
/// list (the API has no list of spaces).
pub async fn list(c: &Client, type_name: &str, spaces: &[String]) -> Result<Vec<Item>, Error> {
    match kind(type_name) {
        Some(k) => (k.list)(c, spaces).await,
        None => Ok(Vec::new()),
    }
}

/// The resource type an audit event's `resourceType` stands for.
pub fn type_of_event(resource_type: &str) -> Option<&'static str> {
    ALL.iter().find(|k| k.audit_types.contains(&resource_type)).map(|k| k.type_name)
}

/// One object by type and import id, or `None` when it no longer exists.
pub async fn get(c: &Client, type_name: &str, import_id: &str) -> Result<Option<Item>, Error> {
    match kind(type_name) {
        Some(k) => k.get_one(c, import_id).await,
        None => Ok(None),
    }
}
