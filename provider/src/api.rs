//! The configured API client shared by every resource, and API errors as diagnostics.

use std::sync::{Arc, OnceLock};

use segsync_api::{Client, Error};
use tfplugin::{AttrPath, Diagnostic, Diagnostics, Value};

/// A handle to the client that `configure` sets; resources hold clones of it.
#[derive(Clone, Default)]
pub struct Api(Arc<OnceLock<Client>>);

impl Api {
    pub fn set(&self, c: Client) {
        let _ = self.0.set(c);
    }

    pub fn client(&self) -> Result<&Client, Diagnostics> {
        self.0.get().ok_or_else(|| {
            Diagnostic::error(
                "Provider Not Configured",
                "The segment provider was used before it was configured. This is a bug in the provider.",
            )
            .into()
        })
    }
}

/// The attribute an API input field stands for (`metadataId` → `metadata.id`, `settings.apiKey` → `settings`).
fn attribute_of(field: &str) -> Option<AttrPath> {
    let first = field.split(['.', '[']).next().unwrap_or(field);
    let snake: String = first.chars().fold(String::new(), |mut s, c| {
        if c.is_ascii_uppercase() {
            s.push('_');
            s.push(c.to_ascii_lowercase());
        } else {
            s.push(c);
        }
        s
    });
    match snake.as_str() {
        "" => None,
        "metadata_id" => Some(AttrPath::attr("metadata").then("id")),
        "if" => Some(AttrPath::attr("if")),
        other => Some(AttrPath::attr(other)),
    }
}

/// An API failure as a diagnostic: what was being done, what the API said, and what to do.
pub fn error(action: &str, e: &Error) -> Diagnostics {
    let (summary, hint) = match e.status() {
        Some(401) => (
            "Segment API Rejected the Token",
            "Check the provider's `token` (or PUBLIC_API_TOKEN): it is missing, mistyped, revoked, or for another workspace.",
        ),
        Some(403) => {
            ("Segment API Token Lacks Permission", "The token may read but not change this workspace; use a token with write access.")
        }
        Some(404) => ("Object Not Found", "The object (or one it refers to) does not exist in the workspace."),
        Some(409) => {
            ("Conflicting Object", "An object with the same unique value already exists; pick another value or import the existing object.")
        }
        Some(429) => ("Segment API Rate Limit", "The API kept answering 429 after retries; lower -parallelism or try again later."),
        Some(s) if s >= 500 => ("Segment API Unavailable", "The API kept failing after retries; try again later."),
        Some(_) => ("Invalid Request", "Fix the value the API points at and apply again."),
        None => ("Segment API Unreachable", "Check the provider's `url` (or PUBLIC_API_URL) and the network."),
    };
    // Each thing once: the API's own message when it gave one, else the error and its causes.
    let what = match (e.status(), e.api_message()) {
        (Some(status), Some(m)) => format!("the API answered {status}: {m}"),
        _ => segsync_api::cli::one_line(e),
    };
    let field = e.field().map(|f| format!(" (field `{f}`)")).unwrap_or_default();
    let mut d = Diagnostic::error(summary, format!("Could not {action}: {what}{field}. {hint}"));
    if let Some(p) = e.field().and_then(attribute_of) {
        d = d.at(p);
    }
    d.into()
}

/// Maps a client result to diagnostics.
pub trait OrDiag<T> {
    fn or_diag(self, action: &str) -> Result<T, Diagnostics>;
}

impl<T> OrDiag<T> for Result<T, Error> {
    fn or_diag(self, action: &str) -> Result<T, Diagnostics> {
        self.map_err(|e| error(action, &e))
    }
}

/// A read that treats 404 as "gone".
pub fn found<T>(r: Result<T, Error>, action: &str) -> Result<Option<T>, Diagnostics> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(error(action, &e)),
    }
}

/// A delete that treats 404 as done.
pub fn deleted(r: Result<(), Error>, action: &str) -> Result<(), Diagnostics> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(error(action, &e)),
    }
}

/// After a later step of a multi-step create failed: undoes the first step (the object it made).
/// When the undo fails too, the half-made object goes back as partial state, so Terraform keeps
/// track of it (tainted: the next apply replaces it) and nothing is orphaned, and a warning says
/// so. Every multi-step create ends its failures here.
pub async fn roll_back(
    failed: Diagnostics,
    undo: impl std::future::Future<Output = Result<(), Error>>,
    what: &str,
    partial: Value,
) -> tfplugin::Failure {
    match undo.await {
        Ok(()) => failed.into(),
        Err(e) if e.is_not_found() => failed.into(),
        Err(e) => {
            tracing::error!(error = %segsync_api::cli::one_line(&e), what, "could not roll back a half-created object");
            let mut diagnostics = failed;
            diagnostics.push(Diagnostic::warning(
                "Half-Created Object Kept in State",
                format!(
                    "Could not remove the new {what} after the failure above ({}). It is kept in the state as tainted, so the next apply replaces it.",
                    segsync_api::cli::one_line(&e)
                ),
            ));
            tfplugin::Failure { diagnostics, partial: Some(partial) }
        }
    }
}

/// How a create finds the object it may have made when the API's answer was lost.
pub struct Lookup<'a> {
    /// Objects of the kind where the new one would be (the kind's list, or its parent's).
    pub list: Box<dyn Fn() -> crate::kind::ListFuture<'a> + Send + Sync + 'a>,
    /// Whether an object is the one this create makes: by its unique key, or by every field sent.
    pub is_it: Box<dyn Fn(&crate::kind::Item) -> bool + Send + Sync + 'a>,
    /// `is_it` compares a key the API keeps unique (a source's slug, a label's key and value…):
    /// a match is the object. Otherwise only a match that was not there before the attempt is.
    pub unique: bool,
}

impl<'a> Lookup<'a> {
    /// Looks through the kind's own list (`scopes`: values of its `list_scope`, if it has one).
    pub fn in_kind(
        kind: &'static crate::kind::Kind,
        c: &'a segsync_api::Client,
        scopes: Vec<String>,
        unique: bool,
        is_it: impl Fn(&crate::kind::Item) -> bool + Send + Sync + 'a,
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
        let found: Vec<crate::kind::Item> = (lookup.list)()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_error_says_each_thing_once() {
        let e = Error::Api {
            method: "POST".into(),
            path: "/sources".into(),
            status: 422,
            errors: vec![segsync_api::types::RequestError {
                kind: "input-validation".into(),
                message: Some("slug is taken".into()),
                field: Some("slug".into()),
                data: None,
                status: Some(422),
            }],
            retry_after: None,
        };
        let text = error("create the source", &e).to_string();
        assert_eq!(text.matches("slug is taken").count(), 1, "{text}");
        assert_eq!(text.matches("`slug`").count(), 1, "{text}");
        assert!(text.contains("Could not create the source: the API answered 422: slug is taken (field `slug`)."), "{text}");
    }

    #[test]
    fn api_fields_point_at_attributes() {
        assert_eq!(attribute_of("metadataId"), Some(AttrPath::attr("metadata").then("id")));
        assert_eq!(attribute_of("settings.apiKey"), Some(AttrPath::attr("settings")));
        assert_eq!(attribute_of("sourceId"), Some(AttrPath::attr("source_id")));
    }
}
