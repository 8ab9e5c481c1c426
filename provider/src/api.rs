//! The configured API client shared by every resource, and API errors as diagnostics.

use std::sync::{Arc, OnceLock};

use segsync_api::{Client, Error};
use tfplugin::{AttrPath, Diagnostic, Diagnostics};

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
    let said = e.api_message().map(|m| format!(" The API said: {m}")).unwrap_or_default();
    let field = e.field().map(|f| format!(" (field `{f}`)")).unwrap_or_default();
    let mut d = Diagnostic::error(summary, format!("Could not {action}: {e}.{said}{field} {hint}"));
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

/// Splits a composite import id `a:b`, or explains the expected form.
pub fn split_id<'a>(id: &'a str, form: &str) -> Result<(&'a str, &'a str), Diagnostics> {
    match id.split_once(':') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains(':') => Ok((a, b)),
        _ => Err(Diagnostic::error("Invalid Import ID", format!("Expected an import id of the form `{form}`, got {id:?}.")).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_ids_are_checked_and_explained() {
        assert_eq!(split_id("dest:filter", "<destination_id>:<filter_id>").expect("ok"), ("dest", "filter"));
        for bad in ["", "dest", "dest:", ":filter", "a:b:c"] {
            let d = split_id(bad, "<destination_id>:<filter_id>").expect_err("malformed");
            let text = d.to_string();
            assert!(text.contains("<destination_id>:<filter_id>") && text.contains(&format!("{bad:?}")), "{text}");
        }
    }

    #[test]
    fn api_fields_point_at_attributes() {
        assert_eq!(attribute_of("metadataId"), Some(AttrPath::attr("metadata").then("id")));
        assert_eq!(attribute_of("settings.apiKey"), Some(AttrPath::attr("settings")));
        assert_eq!(attribute_of("sourceId"), Some(AttrPath::attr("source_id")));
    }
}
