//! The contract of Segment's Public API for the operations segsync uses, as extracted from
//! Segment's generated Go SDK by `api/contract/extract.py` (see `api/contract/`): method, path,
//! query parameters and which are required, request media types, body and response models.
//!
//! Both sides are checked against it: [`Contract::check_request`] for what a client sends,
//! [`Contract::check_response`] for what a server answers. With `SEGSYNC_CONTRACT_LOG=<dir>` set,
//! the client and the server append what they exchange to `<dir>` ([`record`]); the
//! `segsync-contract` binary checks such a folder after the test suites.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;

const OPERATIONS: &str = include_str!("../contract/operations.json");
const MODELS: &str = include_str!("../contract/models.json");

/// The media type of JSON bodies; the alpha-only operations declare only [`ALPHA_JSON`].
pub const JSON: &str = "application/json";
pub const ALPHA_JSON: &str = "application/vnd.segment.v1alpha+json";

#[derive(Debug, Clone, Deserialize)]
pub struct Operation {
    #[serde(skip)]
    pub name: String,
    pub method: String,
    pub path: String,
    /// (name, style): style `multi` is an array sent as a repeated key.
    pub query: Vec<(String, String)>,
    /// Required query parameters and, by its parameter name, the body.
    pub required: Vec<String>,
    /// Request media types the operation declares (empty: no body).
    pub content: Vec<String>,
    pub accept: Vec<String>,
    /// The body parameter (its model is the same name, capitalised).
    pub body: Option<String>,
    /// The model of the 2xx answer.
    pub ret: Option<String>,
    pub file: String,
}

impl Operation {
    /// The body model's name.
    pub fn body_model(&self) -> Option<String> {
        self.body.as_ref().map(|b| capitalised(b))
    }

    /// The media type the SDK sends a body with: `application/json` when the operation
    /// declares it, else the first it declares (`client.go` `selectHeaderContentType`).
    pub fn content_type(&self) -> &str {
        if self.content.is_empty() || self.content.iter().any(|c| c == JSON) {
            JSON
        } else {
            &self.content[0]
        }
    }

    fn matches(&self, method: &str, path: &str) -> Option<usize> {
        if !self.method.eq_ignore_ascii_case(method) {
            return None;
        }
        template_match(&self.path, path)
    }
}

/// Whether `path` fits the path template `template` (`/destinations/{id}`): the number of
/// literal segments that matched, so the most specific template can win.
fn template_match(template: &str, path: &str) -> Option<usize> {
    let want: Vec<&str> = template.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let got: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    if want.len() != got.len() {
        return None;
    }
    let mut literal = 0;
    for (w, g) in want.iter().zip(&got) {
        if w.starts_with('{') {
            continue;
        } else if w == g {
            literal += 1;
        } else {
            return None;
        }
    }
    Some(literal)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[derive(Debug, Clone, Deserialize)]
pub struct Field {
    pub json: String,
    pub go_type: String,
    pub required: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Model {
    pub fields: Vec<Field>,
}

#[derive(Deserialize)]
struct OperationsFile {
    source: String,
    operations: BTreeMap<String, Operation>,
}

#[derive(Deserialize)]
struct ModelsFile {
    models: BTreeMap<String, Model>,
}

pub struct Contract {
    pub source: String,
    pub operations: Vec<Operation>,
    pub models: BTreeMap<String, Model>,
}

/// The contract, parsed once.
pub fn contract() -> &'static Contract {
    static C: OnceLock<Contract> = OnceLock::new();
    C.get_or_init(|| {
        let ops: OperationsFile = serde_json::from_str(OPERATIONS).expect("api/contract/operations.json parses");
        let models: ModelsFile = serde_json::from_str(MODELS).expect("api/contract/models.json parses");
        let operations = ops
            .operations
            .into_iter()
            .map(|(name, mut op)| {
                op.name = name;
                op
            })
            .collect();
        Contract { source: ops.source, operations, models: models.models }
    })
}

impl Contract {
    /// The operation a request is for: the one whose path template matches with the most
    /// literal segments (`/destinations/{id}` against `/destinations/abc`).
    pub fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        self.operations.iter().filter_map(|o| o.matches(method, path).map(|n| (n, o))).max_by_key(|(n, _)| *n).map(|(_, o)| o)
    }

    /// The media type to send a body with for a request (`application/json` outside the
    /// contract).
    pub fn content_type_for(&self, method: &str, path: &str) -> &str {
        self.operation(method, path).map_or(JSON, |o| o.content_type())
    }

    pub fn by_name(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.name == name)
    }

    /// Checks a request as a client sends it. `query` holds the raw pairs; `content_type` the
    /// header sent with a body.
    pub fn check_request(
        &self,
        method: &str,
        path: &str,
        query: &[(String, String)],
        content_type: Option<&str>,
        body: Option<&Value>,
    ) -> Result<&Operation, Vec<String>> {
        let Some(op) = self.operation(method, path) else {
            return Err(vec![format!("{method} {path}: not an operation of the API")]);
        };
        let mut problems = Vec::new();
        let known: BTreeSet<&str> = op.query.iter().map(|(n, _)| n.as_str()).collect();
        let mut sent = BTreeSet::new();
        for (k, _) in query {
            let base = k.split(['.', '[']).next().unwrap_or(k);
            if !known.contains(base) {
                problems.push(format!("{}: query parameter '{k}' is not one the operation takes", op.name));
            }
            sent.insert(base.to_string());
        }
        for r in &op.required {
            if known.contains(r.as_str()) && !sent.contains(r) {
                problems.push(format!("{}: required query parameter '{r}' is missing", op.name));
            }
        }
        match (op.body_model(), body) {
            (Some(model), Some(b)) => {
                let ct = content_type.unwrap_or("").split(';').next().unwrap_or("").trim();
                if !op.content.iter().any(|c| c == ct) {
                    problems.push(format!("{}: media type '{ct}' is not one the operation declares ({})", op.name, op.content.join(", ")));
                }
                self.check_value(&model, b, "body", &mut problems);
            }
            (Some(_), None) if op.required.iter().any(|r| Some(r) == op.body.as_ref()) => {
                problems.push(format!("{}: the body is required", op.name));
            }
            (None, Some(b)) if !b.is_null() => problems.push(format!("{}: the operation takes no body", op.name)),
            _ => {}
        }
        if problems.is_empty() {
            Ok(op)
        } else {
            Err(problems)
        }
    }

    /// Checks an answer: a 2xx body against the operation's return model, an error body against
    /// `RequestErrorEnvelope`.
    pub fn check_response(&self, op: &Operation, status: u16, body: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let model = if (200..300).contains(&status) { op.ret.clone() } else { Some("RequestErrorEnvelope".to_string()) };
        if let Some(m) = model {
            self.check_value(&m, body, "response", &mut problems);
        }
        problems.into_iter().map(|p| format!("{} {status}: {p}", op.name)).collect()
    }

    /// Checks a JSON value against a Go type of the SDK's models.
    pub fn check_value(&self, go_type: &str, v: &Value, at: &str, out: &mut Vec<String>) {
        let t = go_type.trim();
        if let Some(inner) = t.strip_prefix('*') {
            if !v.is_null() {
                self.check_value(inner, v, at, out);
            }
            return;
        }
        if let Some(inner) = t.strip_prefix("Nullable") {
            if !v.is_null() {
                let inner = match inner {
                    "String" => "string",
                    "Bool" => "bool",
                    "Float32" | "Float64" | "Int32" | "Int64" | "Int" => "float64",
                    other => other,
                };
                self.check_value(inner, v, at, out);
            }
            return;
        }
        if let Some(inner) = t.strip_prefix("[]") {
            match v.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check_value(inner, item, &format!("{at}[{i}]"), out);
                    }
                }
                None => out.push(format!("{at}: expected an array, got {}", kind(v))),
            }
            return;
        }
        if let Some(inner) = t.strip_prefix("map[string]") {
            match v.as_object() {
                Some(o) if inner != "interface{}" => {
                    for (k, item) in o {
                        self.check_value(inner, item, &format!("{at}.{k}"), out);
                    }
                }
                Some(_) => {}
                None => out.push(format!("{at}: expected an object, got {}", kind(v))),
            }
            return;
        }
        let ok = match t {
            "interface{}" => true,
            "string" => v.is_string(),
            "bool" => v.is_boolean(),
            "float32" | "float64" | "int" | "int32" | "int64" => v.is_number(),
            _ => {
                let Some(model) = self.models.get(t) else {
                    // A type the extract does not describe (a oneOf wrapper): any JSON.
                    return;
                };
                self.check_object(t, model, v, at, out);
                return;
            }
        };
        if !ok {
            out.push(format!("{at}: expected {t}, got {}", kind(v)));
        }
    }

    fn check_object(&self, name: &str, model: &Model, v: &Value, at: &str, out: &mut Vec<String>) {
        let Some(obj) = v.as_object() else {
            out.push(format!("{at}: expected a {name} object, got {}", kind(v)));
            return;
        };
        if model.fields.is_empty() {
            return;
        }
        for f in &model.fields {
            match obj.get(&f.json) {
                None if f.required => out.push(format!("{at}.{}: required field of {name} is missing", f.json)),
                None => {}
                Some(Value::Null) if f.required && !f.go_type.starts_with("Nullable") && !f.go_type.starts_with("interface") => {
                    out.push(format!("{at}.{}: required field of {name} is null", f.json))
                }
                Some(x) => self.check_value(&f.go_type, x, &format!("{at}.{}", f.json), out),
            }
        }
        for k in obj.keys() {
            if !model.fields.iter().any(|f| &f.json == k) {
                out.push(format!("{at}.{k}: not a field of {name}"));
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Our additions to the API (served by `segsync-server --extensions` only), as (method, path
/// template): not part of the contract, counted apart by the conformance check.
pub const EXTENSIONS: &[(&str, &str)] = &[("POST", "/invites/{email}/accept")];

/// Whether a request is for one of our [`EXTENSIONS`].
pub fn is_extension(method: &str, path: &str) -> bool {
    EXTENSIONS.iter().any(|(m, p)| m.eq_ignore_ascii_case(method) && template_match(p, path).is_some())
}

/// One exchange as recorded for the conformance check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exchange {
    /// `client` (what segsync-api sent) or `server` (what segsync-server answered).
    pub side: String,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub query: Vec<(String, String)>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub body: Option<Value>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub response: Option<Value>,
}

/// Appends an exchange to `$SEGSYNC_CONTRACT_LOG/<side>-<pid>.jsonl` when that variable is set.
pub fn record(e: &Exchange) {
    static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let dir = PathBuf::from(std::env::var_os("SEGSYNC_CONTRACT_LOG")?);
        std::fs::create_dir_all(&dir).ok()?;
        let f = OpenOptions::new().create(true).append(true).open(dir.join(format!("{}-{}.jsonl", e.side, std::process::id()))).ok()?;
        Some(Mutex::new(f))
    });
    if let Some(f) = log {
        if let Ok(mut line) = serde_json::to_vec(e) {
            line.push(b'\n');
            let mut f = f.lock().unwrap_or_else(|p| p.into_inner());
            let _ = f.write_all(&line);
        }
    }
}

/// Whether exchanges are being recorded (so callers can skip building them).
pub fn recording() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SEGSYNC_CONTRACT_LOG").is_some())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_contract_has_every_operation_it_lists() {
        let c = contract();
        assert!(c.source.contains("public-api-sdk-go"), "{}", c.source);
        let listed = include_str!("../contract/operations.txt").lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        assert_eq!(c.operations.len(), listed);
        assert_eq!(c.operation("GET", "/destinations/abc").map(|o| o.name.as_str()), Some("GetDestination"));
        assert_eq!(
            c.operation("GET", "/destinations/abc/subscriptions").map(|o| o.name.as_str()),
            Some("ListSubscriptionsFromDestination")
        );
        assert_eq!(c.by_name("CreateInsertFunctionInstance").expect("listed").content_type(), ALPHA_JSON);
        assert_eq!(c.by_name("CreateSource").expect("listed").content_type(), JSON);
    }

    #[test]
    fn a_request_without_a_required_filter_or_with_a_wrong_media_type_fails() {
        let c = contract();
        assert!(c.check_request("GET", "/functions", &[("resourceType".into(), "SOURCE".into())], None, None).is_ok());
        let e = c.check_request("GET", "/functions", &[("pagination.count".into(), "200".into())], None, None).expect_err("a violation");
        assert!(e[0].contains("required query parameter 'resourceType'"), "{e:?}");
        let body = json!({"functionId": "abc", "integrationId": "d", "name": "n", "enabled": true, "settings": {}});
        assert!(c.check_request("POST", "/insert-function-instances", &[], Some(ALPHA_JSON), Some(&body)).is_ok());
        let e = c.check_request("POST", "/insert-function-instances", &[], Some(JSON), Some(&body)).expect_err("a violation");
        assert!(e[0].contains("media type 'application/json'"), "{e:?}");
        let e = c
            .check_request("POST", "/labels", &[], Some(JSON), Some(&json!({"label": {"key": "a"}, "extra": 1})))
            .expect_err("a violation");
        assert!(e.iter().any(|p| p.contains("body.label.value: required")), "{e:?}");
        assert!(e.iter().any(|p| p.contains("body.extra: not a field")), "{e:?}");
        assert!(c.check_request("GET", "/nowhere", &[], None, None).is_err());
    }

    #[test]
    fn a_response_missing_a_required_field_or_with_an_invented_one_fails() {
        let c = contract();
        let op = c.by_name("ListFunctions").expect("listed");
        let good = json!({"data": {"functions": [{"id": "f", "displayName": "x"}], "pagination": {"current": "MA=="}}});
        assert_eq!(c.check_response(op, 200, &good), Vec::<String>::new());
        let bad = json!({"data": {"functions": [{"id": "f", "code": "x"}], "pagination": {"next": null}}});
        let e = c.check_response(op, 200, &bad);
        assert!(e.iter().any(|p| p.contains("functions[0].code: not a field")), "{e:?}");
        assert!(e.iter().any(|p| p.contains("pagination.current: required")), "{e:?}");
        let err = json!({"errors": [{"type": "not-found", "message": "gone"}]});
        assert_eq!(c.check_response(op, 404, &err), Vec::<String>::new());
    }
}
