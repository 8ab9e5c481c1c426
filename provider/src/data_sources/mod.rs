//! Data sources: look up objects by `id` (as v1.6.0 does) or by `name` / `slug` / `email`.

use tfplugin::{Attribute, Diagnostic, Diagnostics, Value};

use crate::metadata::reported;

pub mod catalog;
pub mod objects;

/// A data source schema from a resource schema: every attribute reported, the lookup keys
/// optional, write-only attributes dropped.
pub fn reported_attrs(attrs: Vec<Attribute>, keys: &[&str]) -> Vec<Attribute> {
    attrs
        .into_iter()
        .filter(|a| !a.write_only && a.name != "settings_wo_version" && a.name != "settings_wo_keys")
        .map(|a| {
            let name = a.name.clone();
            let mut r = reported(a);
            r.use_state_for_unknown = false;
            if keys.contains(&name.as_str()) {
                r.optional = true;
            }
            r
        })
        .collect()
}

/// Which lookup key the configuration sets: exactly one of `keys` must be set.
pub fn lookup_key<'a>(config: &'a Value, keys: &[&'a str]) -> Result<(&'a str, String), Diagnostics> {
    let set: Vec<(&str, String)> = keys.iter().filter_map(|k| config.get(k).as_str().map(|v| (*k, v.to_string()))).collect();
    match set.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Diagnostic::error("Missing Lookup Key", format!("Set one of {} to say which object to read.", keys.join(", "))).into()),
        _ => Err(Diagnostic::error(
            "Too Many Lookup Keys",
            format!("Set only one of {}; got {}.", keys.join(", "), set.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")),
        )
        .into()),
    }
}

/// The one item matching, or a clear error for zero or several matches.
pub fn exactly_one<T>(matches: Vec<T>, what: &str, key: &str, value: &str, describe: impl Fn(&T) -> String) -> Result<T, Diagnostics> {
    let n = matches.len();
    let mut it = matches.into_iter();
    match (it.next(), n) {
        (Some(x), 1) => Ok(x),
        (None, _) => Err(Diagnostic::error(format!("No Matching {what}"), format!("No {what} has {key} = {value:?}."))
            .at(tfplugin::AttrPath::attr(key))
            .into()),
        (Some(first), _) => {
            let mut ids = vec![describe(&first)];
            ids.extend(it.map(|x| describe(&x)));
            Err(Diagnostic::error(
                format!("Several Matching {what}s"),
                format!("{n} {what}s have {key} = {value:?} ({}); look it up by id instead.", ids.join(", ")),
            )
            .at(tfplugin::AttrPath::attr(key))
            .into())
        }
    }
}
