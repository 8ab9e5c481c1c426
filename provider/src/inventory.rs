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

/// The objects of `type_name` that involve the object `id` of `of_type` (the connections of one
/// source, plan or warehouse), read from that object's end; `None` when the kind cannot be read
/// that way (list the kind instead).
pub async fn involving(c: &Client, type_name: &str, of_type: &str, id: &str) -> Result<Option<Vec<Item>>, Error> {
    use crate::resources::{source_tracking_plan_connection as tp, source_warehouse_connection as wh};
    match type_name {
        tp::TYPE => tp::involving(c, of_type, id).await,
        wh::TYPE => wh::involving(c, of_type, id).await,
        _ => Ok(None),
    }
}

/// What an audit event means for an export of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTarget {
    /// An object of this resource type changed (named by the event's `resourceId`).
    Type(&'static str),
    /// Nothing in the configuration changed (a warehouse run, an inferred tracking plan…).
    Nothing,
    /// An event the vocabulary does not know: the export should reconcile.
    Unknown,
}

/// Routes an audit event by its `type` and `resourceType`, in Segment's vocabularies and the
/// twin's (`segsync_api::audit::subject_of`).
pub fn target_of_event(event_type: &str, resource_type: &str) -> EventTarget {
    match segsync_api::audit::subject_of(event_type, resource_type) {
        segsync_api::audit::Subject::Object(r) => match ALL.iter().find(|k| k.audit_types.contains(&r)) {
            Some(k) => EventTarget::Type(k.type_name),
            None => EventTarget::Unknown,
        },
        segsync_api::audit::Subject::NotConfiguration => EventTarget::Nothing,
        segsync_api::audit::Subject::Unknown => EventTarget::Unknown,
    }
}

/// One object by type and import id, or `None` when it no longer exists. An object that lives
/// under another one may be named by its own id alone (as Segment's audit trail names filters
/// and subscriptions): its parent is then found by listing the kind (`spaces` as for [`list`]).
pub async fn get(c: &Client, type_name: &str, import_id: &str, spaces: &[String]) -> Result<Option<Item>, Error> {
    let Some(k) = kind(type_name) else { return Ok(None) };
    if matches!(k.id, crate::kind::IdShape::Parts(_)) && !import_id.contains(crate::kind::ID_SEPARATOR) {
        let suffix = format!("{}{import_id}", crate::kind::ID_SEPARATOR);
        return Ok((k.list)(c, spaces).await?.into_iter().find(|i| i.import_id.ends_with(&suffix)));
    }
    k.get_one(c, import_id).await
}
