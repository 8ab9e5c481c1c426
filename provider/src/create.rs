//! Creates that never make a second object: Segment's API has no idempotency keys, so a create
//! whose answer was lost looks for the object before it is sent again ([`create_once`]).

use segsync_api::{Client, Error};
use tfplugin::{Diagnostic, Diagnostics, Value};

use crate::api::{error, OrDiag};
use crate::kind::{Item, Kind, ListFuture};

/// How a create finds the object it may have made when the API's answer was lost.
pub struct Lookup<'a> {
    /// Objects of the kind where the new one would be (the kind's list, or its parent's).
    pub list: Box<dyn Fn() -> ListFuture<'a> + Send + Sync + 'a>,
    /// Whether an object is the one this create makes: by its unique key, or by every field sent.
    pub is_it: Box<dyn Fn(&Item) -> bool + Send + Sync + 'a>,
    /// `is_it` compares a key the API keeps unique (a source's slug, a label's key and value…):
    /// a match is the object. Otherwise only a match that was not there before the attempt is.
    pub unique: bool,
}

impl<'a> Lookup<'a> {
    /// Looks through the kind's own list (`scopes`: values of its `list_scope`, if it has one).
    pub fn in_kind(
        kind: &'static Kind,
        c: &'a Client,
        scopes: Vec<String>,
        unique: bool,
        is_it: impl Fn(&Item) -> bool + Send + Sync + 'a,
    ) -> Self {
        Lookup {
            list: Box::new(move || {
                let scopes = scopes.clone();
                Box::pin(async move { (kind.list)(c, &scopes).await })
            }),
            is_it: Box::new(is_it),
            unique,
        }
    }
}

/// What [`create_once`] did.
pub enum Created<T> {
    /// The API answered the create.
    New(T),
    /// The answer was lost, and the object it made was found: its import id.
    Adopted(String),
}

/// How many times a create is sent at most when every attempt fails ambiguously.
const CREATE_ATTEMPTS: usize = 3;

/// Creates an object once, never a second one blindly. Segment's API has no idempotency keys
/// (BEHAVIOURS.md), so after an ambiguous failure — a timeout, a 5xx, a connection lost after
/// the request went out — the object may exist although no answer says so. The create then looks
/// for it: a kind with a unique key adopts the object with that key; other kinds adopt a single
/// object that matches every field sent and was not there before the attempt (a listing is taken
/// first). No match: the create is sent again. Several: a diagnostic names them and how to import
/// the right one.
pub async fn create_once<'a, T, F, Fut>(type_name: &str, what: &str, lookup: Lookup<'a>, create: F) -> Result<Created<T>, Diagnostics>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>>,
{
    let before: Option<std::collections::BTreeSet<String>> = if lookup.unique {
        None
    } else {
        Some((lookup.list)().await.or_diag(&format!("list before creating the {what}"))?.into_iter().map(|i| i.import_id).collect())
    };
    let mut last = None;
    for attempt in 1..=CREATE_ATTEMPTS {
        let e = match create().await {
            Ok(t) => return Ok(Created::New(t)),
            Err(e) if e.may_have_happened() => e,
            Err(e) => return Err(error(&format!("create the {what}"), &e)),
        };
        tracing::warn!(what, attempt, error = %segsync_api::cli::one_line(&e), "a create may have happened without an answer; looking for the object");
        let found: Vec<Item> = (lookup.list)()
            .await
            .or_diag(&format!("look for the {what} after a lost answer"))?
            .into_iter()
            .filter(|i| before.as_ref().is_none_or(|b| !b.contains(&i.import_id)))
            .filter(|i| (lookup.is_it)(i))
            .collect();
        match found.as_slice() {
            [one] => return Ok(Created::Adopted(one.import_id.clone())),
            [] => last = Some(e),
            many => {
                let ids: Vec<&str> = many.iter().map(|i| i.import_id.as_str()).collect();
                return Err(Diagnostic::error(
                    "Cannot Tell Which Object Was Created",
                    format!(
                        "The API's answer to creating the {what} was lost ({}), and {} new objects match it: {}. None was adopted. \
                         Import the right one (`terraform import {type_name}.<name> <id>`) and delete the others.",
                        segsync_api::cli::one_line(&e),
                        many.len(),
                        ids.join(", ")
                    ),
                )
                .into());
            }
        }
    }
    let e = last.expect("at least one attempt");
    Err(error(&format!("create the {what}"), &e))
}

/// Whether `state` holds the values `planned` sets for each of `fields` (dotted paths into
/// nested objects); unset (null or unknown) planned values are not compared.
pub fn same_fields(planned: &Value, state: &Value, fields: &[&str]) -> bool {
    fields.iter().all(|f| {
        let (mut p, mut s) = (planned, state);
        for part in f.split('.') {
            p = p.get(part);
            s = s.get(part);
        }
        p.is_null() || !p.is_wholly_known() || p.semantically_equal(s)
    })
}
