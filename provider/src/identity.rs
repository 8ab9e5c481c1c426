//! Resource identities (Terraform 1.12+): what names an object, for import blocks and
//! `terraform query`.

use tfplugin::{IdentitySchema, Type, Value};

/// An identity made of the object's own `id`.
pub fn by_id(what: &str) -> IdentitySchema {
    IdentitySchema { version: 0, attributes: vec![("id".into(), Type::String, true, format!("The {what}'s id."))] }
}

/// An identity made of several attributes of the state (composite import ids, `a:b`).
pub fn by_parts(parts: &[(&str, &str)]) -> IdentitySchema {
    IdentitySchema { version: 0, attributes: parts.iter().map(|(n, d)| (n.to_string(), Type::String, true, d.to_string())).collect() }
}

pub fn id_value(id: &str) -> Value {
    Value::object([("id", Value::from(id))])
}

pub fn state_with_id(id: &str) -> Value {
    id_value(id)
}

pub fn of_id(state: &Value) -> Option<Value> {
    state.get("id").as_str().map(id_value)
}

pub fn id_of(identity: &Value) -> Option<String> {
    identity.get("id").as_str().map(str::to_string)
}

/// The identity holding `names` taken from the state.
pub fn of_parts(state: &Value, names: &[&str]) -> Option<Value> {
    let mut parts = Vec::new();
    for n in names {
        parts.push((n.to_string(), Value::from(state.get(n).as_str()?)));
    }
    Some(Value::object(parts))
}

/// The composite import id `a:b` an identity stands for.
pub fn joined(identity: &Value, names: &[&str]) -> Option<String> {
    let parts: Option<Vec<&str>> = names.iter().map(|n| identity.get(n).as_str()).collect();
    parts.map(|p| p.join(":"))
}
