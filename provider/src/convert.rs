//! Conversions between Terraform values and API JSON, shared by the resource modules.

use serde_json::Value as Json;
use tfplugin::{Number, Value};

pub fn str_of(v: &Value, name: &str) -> Option<String> {
    v.get(name).as_str().map(str::to_string)
}

/// A string attribute the schema guarantees (a required attribute in a plan, the `id` in state):
/// missing, it is reported, never sent as "" (which would address another object or a whole
/// collection).
pub fn required(v: &Value, name: &str) -> Result<String, tfplugin::Diagnostics> {
    match v.get(name).as_str() {
        Some(s) => Ok(s.to_string()),
        None => Err(tfplugin::Diagnostic::error(
            "Missing Attribute Value",
            format!("The provider expected `{name}` to be set here and found it missing. This is a provider bug; please report it."),
        )
        .at(tfplugin::AttrPath::attr(name))
        .into()),
    }
}

/// The elements of a list or set attribute; none when it is null.
pub fn elements<'a>(v: &'a Value, name: &str) -> &'a [Value] {
    v.get(name).as_elements().unwrap_or_default()
}

pub fn bool_of(v: &Value, name: &str) -> Option<bool> {
    v.get(name).as_bool()
}

pub fn f64_of(v: &Value, name: &str) -> Option<f64> {
    v.get(name).as_number().and_then(Number::as_f64)
}

pub fn opt_str(s: Option<&str>) -> Value {
    s.map(Value::from).unwrap_or(Value::Null)
}

pub fn opt_bool(b: Option<bool>) -> Value {
    b.map(Value::Bool).unwrap_or(Value::Null)
}

pub fn num(f: f64) -> Value {
    Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
}

pub fn opt_num(f: Option<f64>) -> Value {
    f.map(num).unwrap_or(Value::Null)
}

pub fn str_list(items: &[String]) -> Value {
    Value::List(items.iter().map(|s| Value::from(s.as_str())).collect())
}

pub fn str_set(items: &[String]) -> Value {
    Value::Set(items.iter().map(|s| Value::from(s.as_str())).collect())
}

pub fn strings_of(v: &Value) -> Vec<String> {
    v.as_elements().map(|e| e.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// JSON text with sorted keys and no spaces: the canonical form stored in state.
pub fn json_text(j: &Json) -> String {
    j.to_string()
}

pub fn opt_json_text(j: Option<&Json>) -> Value {
    match j {
        None | Some(Json::Null) => Value::Null,
        Some(j) => Value::from(json_text(j)),
    }
}

/// Parses a JSON string attribute (validated by the schema, so errors are unexpected).
pub fn parse_json(v: &Value) -> Option<Json> {
    v.as_str().and_then(|s| serde_json::from_str(s).ok())
}

/// An optional collection as state: empty remote collections keep the prior form (null or
/// empty), so "not set" and "set to nothing" never show as a change.
pub fn collection_or_null(items: Vec<Value>, prior: &Value, set: bool) -> Value {
    if items.is_empty() {
        return match prior {
            Value::List(_) | Value::Set(_) => {
                if set {
                    Value::Set(vec![])
                } else {
                    Value::List(vec![])
                }
            }
            _ => Value::Null,
        };
    }
    if set {
        Value::Set(items)
    } else {
        Value::List(items)
    }
}
