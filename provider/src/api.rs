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
