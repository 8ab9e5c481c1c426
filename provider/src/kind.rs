//! What the project knows about each kind of object, written once: one [`Kind`] per resource
//! module, collected in [`crate::resources::ALL`]. Provider registration, the inventory,
//! `terraform query`, audit-event routing and the exporter's kind lists are derived from it.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use segsync_api::{Client, Error};
use tfplugin::{Resource, Value};

use crate::api::Api;

/// One object of the workspace, as the state an import of it gives.
#[derive(Debug, Clone)]
pub struct Item {
    pub type_name: &'static str,
    /// The id `terraform import` takes (`<a>:<b>` for objects that live under another one).
    pub import_id: String,
    pub identity: Value,
    /// A short human name (slug, name, title, email…).
    pub display: String,
    /// The state an import of the object gives.
    pub state: Value,
    /// Settings keys that hold secrets: masked in the API's answer, or never returned at all.
    /// The state leaves their values out; the exporter makes them sensitive variables.
    pub secrets: BTreeSet<String>,
    /// The name of the catalog item the object is an instance of (`Amplitude` for an Amplitude
    /// destination), for kinds with catalog `metadata`.
    pub catalog: Option<String>,
}

impl Item {
    /// The item with these secret settings keys.
    pub fn with_secrets(mut self, keys: impl IntoIterator<Item = String>) -> Self {
        self.secrets.extend(keys);
        self
    }
}

/// The secret keys of a warehouse's (or profiles warehouse's) settings: what the API masked and
/// what it never returns (the same rule for both kinds).
pub fn warehouse_secrets(settings: &segsync_api::types::Settings) -> BTreeSet<String> {
    let mut keys = segsync_api::mask::masked_keys(settings);
    keys.extend(segsync_api::mask::WAREHOUSE_NEVER_RETURNED.iter().map(|k| k.to_string()));
    keys
}

/// How an object of a kind is named for import and identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdShape {
    /// Its own `id`.
    Id,
    /// Two attributes, joined as `<a>:<b>` in the import id.
    Parts([&'static str; 2]),
}

/// The separator of composite import ids (`<destination_id>:<filter_id>`), Terraform-side only.
pub const ID_SEPARATOR: char = ':';

/// A composite import id from its parts.
pub fn join_id(parts: &[&str]) -> String {
    parts.join(&ID_SEPARATOR.to_string())
}

/// The parts of an import id (one for a simple id).
pub fn split_id(import_id: &str) -> Vec<&str> {
    import_id.split(ID_SEPARATOR).collect()
}

/// What a reader keeps of each item's state, by type: applied as each item is made, so an
/// answer is never held whole (the exporter keeps only what files show).
pub type Shape = Arc<dyn Fn(&'static str, Value) -> Value + Send + Sync>;

tokio::task_local! {
    static SHAPE: Shape;
}

/// Runs `f` (a [`Kind::list`] or [`Kind::get_one`]) with every item's state passed through
/// `shape` as it is made.
pub async fn shaped<F: Future>(shape: Shape, f: F) -> F::Output {
    SHAPE.scope(shape, f).await
}

pub type ListFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<Item>, Error>> + Send + 'a>>;
pub type GetFuture<'a> = Pin<Box<dyn Future<Output = Result<Option<Item>, Error>> + Send + 'a>>;

/// A kind of object: a `segment_*` resource type and everything derived from it.
pub struct Kind {
    pub type_name: &'static str,
    pub id: IdShape,
    /// The audit trail's `resourceType` values of changes to objects of this kind.
    pub audit_types: &'static [&'static str],
    /// Attributes of other kinds that hold the id of an object of this kind (exported as
    /// references).
    pub referenced_as: &'static [&'static str],
    /// The list scope a `terraform query` list block must give, and its description
    /// (`space_id` for profiles warehouses: the API has no list of spaces).
    pub list_scope: Option<(&'static str, &'static str)>,
    pub resource: fn(Api) -> Arc<dyn Resource>,
    /// Every object of the kind; `scopes` are values of `list_scope` where it has one.
    pub list: for<'a> fn(&'a Client, &'a [String]) -> ListFuture<'a>,
    /// One object by the parts of its import id, `None` when it is gone; kinds without a
    /// single-object read are found by listing.
    pub get: Option<for<'a> fn(&'a Client, &'a str, &'a str) -> GetFuture<'a>>,
}

impl Kind {
    /// An item of this kind from the parts of its import id.
    pub fn item(&'static self, parts: [&str; 2], display: &str, state: Value) -> Item {
        let (import_id, identity) = match self.id {
            IdShape::Id => (parts[0].to_string(), Value::object([("id", Value::from(parts[0]))])),
            IdShape::Parts(names) => {
                (join_id(&parts), Value::object([(names[0], Value::from(parts[0])), (names[1], Value::from(parts[1]))]))
            }
        };
        let catalog = state.get("metadata").get("name").as_str().map(str::to_string);
        let state = match SHAPE.try_with(Arc::clone) {
            Ok(shape) => shape(self.type_name, state),
            Err(_) => state,
        };
        Item { type_name: self.type_name, import_id, identity, display: display.to_string(), state, secrets: BTreeSet::new(), catalog }
    }

    /// One object by import id, or `None` when it no longer exists.
    pub async fn get_one(&'static self, c: &Client, import_id: &str) -> Result<Option<Item>, Error> {
        let (a, b) = import_id.split_once(ID_SEPARATOR).unwrap_or((import_id, ""));
        match self.get {
            Some(get) => get(c, a, b).await,
            None => {
                let scopes = if self.list_scope.is_some() { vec![a.to_string()] } else { vec![] };
                Ok((self.list)(c, &scopes).await?.into_iter().find(|i| i.import_id == import_id))
            }
        }
    }
}

/// The two parts of a composite import id `a:b`, or a diagnostic that shows the expected form.
pub fn parse_pair<'a>(id: &'a str, form: &str) -> Result<(&'a str, &'a str), tfplugin::Diagnostics> {
    match id.split_once(ID_SEPARATOR) {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains(ID_SEPARATOR) => Ok((a, b)),
        _ => {
            Err(tfplugin::Diagnostic::error("Invalid Import ID", format!("Expected an import id of the form `{form}`, got {id:?}.")).into())
        }
    }
}

/// `f` over every parent at once — the client's pace bounds what is in flight, so a remote API
/// costs about one round trip per batch instead of one per parent — the items in the parents'
/// order.
pub async fn each<P, T, F, Fut>(parents: impl IntoIterator<Item = P>, f: F) -> Result<Vec<T>, Error>
where
    F: Fn(P) -> Fut,
    Fut: Future<Output = Result<Vec<T>, Error>>,
{
    let all = futures_util::future::try_join_all(parents.into_iter().map(f)).await?;
    Ok(all.into_iter().flatten().collect())
}

/// `Ok(None)` for a 404: the object is gone.
pub fn gone<T>(r: Result<T, Error>) -> Result<Option<T>, Error> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use tfplugin::Provider;

    use super::IdShape;
    use crate::resources::ALL;

    #[test]
    fn composite_ids_are_checked_and_explained() {
        assert_eq!(super::parse_pair("dest:filter", "<destination_id>:<filter_id>").expect("ok"), ("dest", "filter"));
        for bad in ["", "dest", "dest:", ":filter", "a:b:c"] {
            let d = super::parse_pair(bad, "<destination_id>:<filter_id>").expect_err("malformed");
            let text = d.to_string();
            assert!(text.contains("<destination_id>:<filter_id>") && text.contains(&format!("{bad:?}")), "{text}");
        }
    }

    /// The descriptors agree with what they derive: one resource and one list resource per
    /// kind, the identity the kind's id shape says, audit types routed to one kind only.
    #[test]
    fn every_kind_is_registered_once_with_its_identity() {
        let names: BTreeSet<&str> = ALL.iter().map(|k| k.type_name).collect();
        assert_eq!(names.len(), ALL.len(), "a kind is listed twice");
        let p = crate::SegmentProvider::default();
        let resources = p.resources();
        assert_eq!(resources.iter().map(|r| r.type_name()).collect::<BTreeSet<_>>(), names);
        assert_eq!(p.list_resources().iter().map(|l| l.type_name().to_string()).collect::<BTreeSet<_>>().len(), ALL.len());
        for (k, r) in ALL.iter().zip(&resources) {
            assert_eq!(k.type_name, r.type_name());
            let identity: Vec<String> = r.identity_schema().expect("identity").attributes.into_iter().map(|a| a.0).collect();
            let want: Vec<String> = match k.id {
                IdShape::Id => vec!["id".into()],
                IdShape::Parts(p) => p.iter().map(|s| s.to_string()).collect(),
            };
            assert_eq!(identity, want, "{}", k.type_name);
        }
        let mut audit = BTreeSet::new();
        for k in ALL.iter() {
            for a in k.audit_types {
                assert!(audit.insert(*a), "{a} routes to two kinds");
            }
        }
    }
}
