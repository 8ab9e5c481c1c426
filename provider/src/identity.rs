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
    parts.map(|p| crate::kind::join_id(&p))
}

/// The identity and import methods of a resource named by its own `id`.
#[macro_export]
macro_rules! import_by_id {
    ($what:literal) => {
        fn identity_schema(&self) -> Option<tfplugin::IdentitySchema> {
            Some($crate::identity::by_id($what))
        }

        fn import(&self, id: &str) -> Result<tfplugin::Value, tfplugin::Diagnostics> {
            if id.trim().is_empty() || id.contains($crate::kind::ID_SEPARATOR) || id.contains('/') {
                return Err(tfplugin::Diagnostic::error("Invalid Import ID", format!("Expected the {}'s id, got {id:?}.", $what)).into());
            }
            Ok($crate::identity::state_with_id(id))
        }

        fn identity_of(&self, state: &tfplugin::Value) -> Option<tfplugin::Value> {
            $crate::identity::of_id(state)
        }

        fn import_id_from_identity(&self, identity: &tfplugin::Value) -> Option<String> {
            $crate::identity::id_of(identity)
        }
    };
}

/// The identity and import methods of a resource named by two attributes (`a:b` import ids).
#[macro_export]
macro_rules! import_by_parts {
    ($a:literal, $b:literal, $form:literal) => {
        fn identity_schema(&self) -> Option<tfplugin::IdentitySchema> {
            Some($crate::identity::by_parts(&[($a, "First part of the import id."), ($b, "Second part of the import id.")]))
        }

        fn import(&self, id: &str) -> Result<tfplugin::Value, tfplugin::Diagnostics> {
            let (x, y) = $crate::kind::parse_pair(id, $form)?;
            Ok(tfplugin::Value::object([($a, tfplugin::Value::from(x)), ($b, tfplugin::Value::from(y))]))
        }

        fn identity_of(&self, state: &tfplugin::Value) -> Option<tfplugin::Value> {
            $crate::identity::of_parts(state, &[$a, $b])
        }

        fn import_id_from_identity(&self, identity: &tfplugin::Value) -> Option<String> {
            $crate::identity::joined(identity, &[$a, $b])
        }
    };
}
