//! Secret settings: stored as given, returned masked ([`segsync_api::mask`]), and a masked value
//! sent back by a client never overwrites the stored secret.

use segsync_api::types::{IntegrationOption, Settings};
use serde_json::Value;

use crate::catalog::SECRET_OPTION_TYPE;

pub use segsync_api::mask::{is_masked, mask, MASK_CHAR};

fn mask_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(mask(s)),
        Value::Null => Value::Null,
        other => Value::String(mask(&other.to_string())),
    }
}

/// The names of the secret options of a catalog entry.
pub fn secret_names(options: &[IntegrationOption]) -> Vec<&str> {
    options.iter().filter(|o| o.kind == SECRET_OPTION_TYPE).map(|o| o.name.as_str()).collect()
}

/// Settings as returned to clients: secrets masked, `hidden` keys left out entirely.
pub fn masked(settings: &Settings, secrets: &[&str], hidden: &[&str]) -> Settings {
    settings
        .iter()
        .filter(|(k, _)| !hidden.contains(&k.as_str()))
        .map(|(k, v)| if secrets.contains(&k.as_str()) { (k.clone(), mask_value(v)) } else { (k.clone(), v.clone()) })
        .collect()
}

/// Merges an update into stored settings: a `null` removes the key, a masked value for a secret
/// key keeps the stored secret, anything else replaces.
pub fn merge(stored: &mut Settings, update: &Settings, secrets: &[&str]) {
    for (k, v) in update {
        if v.is_null() {
            stored.remove(k);
        } else if is_masked(v) && secrets.contains(&k.as_str()) && stored.contains_key(k) {
            continue;
        } else {
            stored.insert(k.clone(), v.clone());
        }
    }
}

/// A new object's settings: `null` values are dropped, masked values for secrets are refused by
/// the caller (there is nothing stored to keep).
pub fn initial(settings: &Settings) -> Settings {
    settings.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// Settings the API fills in on its own: "new settings can be generated in the response" on
/// create and update (official provider `source_resource.go` ~360, `utils.go` `mergeSettings`).
/// Which keys Segment adds is not documented; the twin adds every optional catalog option with
/// a default that the settings lack (secrets excepted), on every create and on every update that
/// sends settings — the most a client has to cope with — except keys the update names (a key
/// sent as `null` is removed, as BEHAVIOURS.md says, and stays removed).
pub fn generate_defaults(settings: &mut Settings, options: &[IntegrationOption], sent: &Settings) {
    for o in options {
        if o.required || o.kind == SECRET_OPTION_TYPE || settings.contains_key(&o.name) || sent.contains_key(&o.name) {
            continue;
        }
        if let Some(d) = o.default_value.as_ref().filter(|d| !d.is_null()) {
            settings.insert(o.name.clone(), d.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_keeps_secret_when_masked_value_comes_back() {
        let mut stored: Settings = serde_json::from_value(json!({"apiKey": "real-key-1234", "x": 1})).expect("object");
        let update: Settings = serde_json::from_value(json!({"apiKey": "•••••••••1234", "x": null, "y": true})).expect("object");
        merge(&mut stored, &update, &["apiKey"]);
        assert_eq!(Value::Object(stored), json!({"apiKey": "real-key-1234", "y": true}));
    }
}
