//! The default plan, derived from schema flags, and helpers resources use in Read/Apply.
//!
//! Rules: write-only attributes plan null; a computed attribute that is not configured is
//! unknown on create, keeps its prior value on update when marked `use_state_for_unknown` or when
//! nothing configurable changed, else is unknown; `requires_replace` attributes that change are
//! reported for replacement.

use crate::diagnostics::AttrPath;
use crate::schema::{AttrKind, Attribute, Block, Nesting};
use crate::value::Value;

/// The result of the default plan.
#[derive(Debug, Clone)]
pub struct Planned {
    pub state: Value,
    pub requires_replace: Vec<AttrPath>,
}

/// Plans an object of `block` from prior state, Terraform's proposed new state and the config.
pub fn plan(block: &Block, prior: &Value, proposed: &Value, config: &Value) -> Planned {
    let creating = prior.is_null();
    let changed = !creating && !configurable_equal(&block.attributes, prior, proposed);
    let mut replace = Vec::new();
    let state = plan_object(
        &block.attributes,
        if creating { None } else { Some(prior) },
        proposed,
        config,
        changed,
        &AttrPath::root(),
        &mut replace,
    );
    // Blocks: their attributes are planned the same way, element by element where possible.
    let mut state = state;
    for b in &block.blocks {
        let prop = proposed.get(&b.name).clone();
        state.set(&b.name, prop);
    }
    Planned { state, requires_replace: replace }
}

/// Whether two objects agree on every attribute a configuration can set.
fn configurable_equal(attrs: &[Attribute], a: &Value, b: &Value) -> bool {
    attrs.iter().filter(|x| !x.computed_only() && !x.write_only).all(|x| a.get(&x.name).semantically_equal(b.get(&x.name)))
}

fn plan_object(
    attrs: &[Attribute],
    prior: Option<&Value>,
    proposed: &Value,
    config: &Value,
    changed: bool,
    path: &AttrPath,
    replace: &mut Vec<AttrPath>,
) -> Value {
    if proposed.is_null() || proposed.is_unknown() {
        return proposed.clone();
    }
    let mut out = proposed.clone();
    for a in attrs {
        let p = path.then(&a.name);
        let cfg = config.get(&a.name);
        let prop = proposed.get(&a.name);
        let pri = prior.map(|x| x.get(&a.name));
        let planned = if a.write_only {
            Value::Null
        } else if a.computed && cfg.is_null() {
            match pri {
                None => Value::Unknown,
                Some(pv) if a.use_state_for_unknown || !changed => pv.clone(),
                Some(_) => Value::Unknown,
            }
        } else if let AttrKind::Nested(n, sub) = &a.kind {
            plan_nested(*n, sub, pri, prop, cfg, changed, &p, replace)
        } else {
            prop.clone()
        };
        if a.requires_replace {
            if let Some(pv) = pri {
                if !pv.semantically_equal(&planned) {
                    replace.push(p.clone());
                }
            }
        }
        out.set(&a.name, planned);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn plan_nested(
    n: Nesting,
    sub: &[Attribute],
    prior: Option<&Value>,
    proposed: &Value,
    config: &Value,
    changed: bool,
    path: &AttrPath,
    replace: &mut Vec<AttrPath>,
) -> Value {
    match (n, proposed) {
        (Nesting::Single, _) => plan_object(sub, prior.filter(|p| !p.is_null()), proposed, config, changed, path, replace),
        (Nesting::List, Value::List(items)) => {
            let prior_items = prior.and_then(Value::as_elements).unwrap_or(&[]);
            let cfg_items = config.as_elements().unwrap_or(&[]);
            Value::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        plan_object(sub, prior_items.get(i), it, cfg_items.get(i).unwrap_or(&Value::Null), changed, &path.index(i), replace)
                    })
                    .collect(),
            )
        }
        (Nesting::Set, Value::Set(items)) => {
            // Set elements have no stable position: an element takes its computed values from the
            // prior element that agrees with it on every configurable attribute.
            let prior_items = prior.and_then(Value::as_elements).unwrap_or(&[]);
            let cfg_items = config.as_elements().unwrap_or(&[]);
            Value::Set(
                items
                    .iter()
                    .map(|it| {
                        let cfg = cfg_items.iter().find(|c| configurable_equal(sub, c, it)).unwrap_or(&Value::Null);
                        let pri = prior_items.iter().find(|p| configurable_equal(sub, p, it));
                        plan_object(sub, pri, it, cfg, pri.is_none() || changed, path, replace)
                    })
                    .collect(),
            )
        }
        (Nesting::Map, Value::Map(m)) => {
            let prior_m = prior.and_then(Value::as_attrs);
            let cfg_m = config.as_attrs();
            Value::Map(
                m.iter()
                    .map(|(k, it)| {
                        let pri = prior_m.and_then(|pm| pm.get(k));
                        let cfg = cfg_m.and_then(|cm| cm.get(k)).unwrap_or(&Value::Null);
                        (k.clone(), plan_object(sub, pri, it, cfg, changed, &path.key(k), replace))
                    })
                    .collect(),
            )
        }
        _ => proposed.clone(),
    }
}

/// Sets every write-only attribute (at any depth of single nesting) to null.
pub fn null_write_only(attrs: &[Attribute], v: &mut Value) {
    for a in attrs {
        if a.write_only {
            v.set(&a.name, Value::Null);
        } else if let AttrKind::Nested(Nesting::Single, sub) = &a.kind {
            if let Some(inner) = v.get_mut(&a.name) {
                null_write_only(sub, inner);
            }
        }
    }
}

/// Whether two JSON texts hold the same JSON (key order and whitespace ignored).
pub fn json_equal(a: &str, b: &str) -> bool {
    match (serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// For a JSON string attribute: keeps the prior text when the new value holds the same JSON, so
/// formatting differences never show as changes.
pub fn keep_json_text(prior: &Value, new: Value) -> Value {
    match (prior.as_str(), new.as_str()) {
        (Some(p), Some(n)) if json_equal(p, n) => prior.clone(),
        _ => new,
    }
}

/// The configuration Terraform should generate for an imported object: configurable attributes
/// only (computed-only and write-only attributes dropped, nested objects recursed).
pub fn config_from_state(attrs: &[Attribute], state: &Value) -> Value {
    let mut out = std::collections::BTreeMap::new();
    for a in attrs {
        let v = state.get(&a.name);
        let keep = if a.computed_only() || a.write_only {
            Value::Null
        } else if let AttrKind::Nested(n, sub) = &a.kind {
            match (n, v) {
                (Nesting::Single, Value::Object(_)) => config_from_state(sub, v),
                (Nesting::List, Value::List(items)) => Value::List(items.iter().map(|i| config_from_state(sub, i)).collect()),
                (Nesting::Set, Value::Set(items)) => Value::Set(items.iter().map(|i| config_from_state(sub, i)).collect()),
                (Nesting::Map, Value::Map(m)) => Value::Map(m.iter().map(|(k, i)| (k.clone(), config_from_state(sub, i))).collect()),
                _ => v.clone(),
            }
        } else {
            v.clone()
        };
        out.insert(a.name.clone(), keep);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Attribute as A;

    fn block() -> Block {
        Block::new(vec![
            A::string("id").computed().use_state_for_unknown(),
            A::string("name").required(),
            A::string("kind").required().requires_replace(),
            A::string("etag").computed(),
            A::string("token").write_only(),
        ])
    }

    fn obj(pairs: &[(&str, Value)]) -> Value {
        Value::object(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())))
    }

    #[test]
    fn create_plans_computed_unknown_and_write_only_null() {
        let cfg = obj(&[("id", Value::Null), ("name", "a".into()), ("kind", "x".into()), ("etag", Value::Null), ("token", "s".into())]);
        let p = plan(&block(), &Value::Null, &cfg, &cfg);
        assert_eq!(p.state.get("id"), &Value::Unknown);
        assert_eq!(p.state.get("etag"), &Value::Unknown);
        assert_eq!(p.state.get("token"), &Value::Null);
        assert!(p.requires_replace.is_empty());
    }

    #[test]
    fn update_keeps_state_for_unknown_and_flags_replacement() {
        let prior = obj(&[("id", "1".into()), ("name", "a".into()), ("kind", "x".into()), ("etag", "e1".into()), ("token", Value::Null)]);
        let cfg = obj(&[("id", Value::Null), ("name", "b".into()), ("kind", "y".into()), ("etag", Value::Null), ("token", Value::Null)]);
        let proposed =
            obj(&[("id", "1".into()), ("name", "b".into()), ("kind", "y".into()), ("etag", "e1".into()), ("token", Value::Null)]);
        let p = plan(&block(), &prior, &proposed, &cfg);
        assert_eq!(p.state.get("id"), &Value::from("1"));
        assert_eq!(p.state.get("etag"), &Value::Unknown);
        assert_eq!(p.requires_replace, vec![AttrPath::attr("kind")]);
        // No change: everything stays as it is.
        let same = plan(&block(), &prior, &prior, &cfg);
        assert_eq!(same.state, prior);
    }

    #[test]
    fn json_text_is_kept_when_semantically_equal() {
        let prior = Value::from(r#"{"b": 1, "a": [1, 2]}"#);
        assert_eq!(keep_json_text(&prior, Value::from(r#"{"a":[1,2],"b":1}"#)), prior);
        assert_eq!(keep_json_text(&prior, Value::from(r#"{"a":[2,1],"b":1}"#)), Value::from(r#"{"a":[2,1],"b":1}"#));
    }
}
