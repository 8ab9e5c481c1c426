//! Integration settings: a JSON string attribute, secrets masked by the API, and a write-only
//! companion (`settings_wo` + `settings_wo_version`) that keeps secrets out of state.
//!
//! Read rule, key by key of the remote settings: a masked value keeps the prior state's value
//! when that value masks to the same text (else the masked text shows as drift); a masked key the
//! prior state does not hold is left out (its secret is managed elsewhere, e.g. `settings_wo`);
//! any other value is taken as it is. Keys that vanished remotely vanish from state. The JSON text
//! of the prior state is kept when it holds the same JSON.

use serde_json::{Map, Value as Json};
use tfplugin::{plan, Attribute, Ctx, Value};

use crate::convert;

use segsync_api::mask::{masks_to, MASK_CHAR as MASK};

/// The state value of `settings` from the remote settings and the prior state's text.
pub fn read(remote: &Map<String, Json>, prior: &Value) -> Value {
    read_with_hidden(remote, prior, &[])
}

/// The keys an object's `settings_wo` sent (recorded in `settings_wo_keys`): they belong to the
/// write-only attribute, so they are left out of `settings`.
fn wo_keys(prior_obj: &Value) -> Vec<String> {
    crate::convert::strings_of(prior_obj.get("settings_wo_keys"))
}

/// The four settings attributes of a state: `settings` from the remote settings (without the keys
/// `settings_wo` manages and the `hidden` ones the API never returns), and the write-only
/// companions as the prior state (or plan) has them.
pub fn state(remote: &Map<String, Json>, prior_obj: &Value, hidden: &[&str]) -> [(&'static str, Value); 4] {
    let skip = wo_keys(prior_obj);
    let visible: Map<String, Json> = remote.iter().filter(|(k, _)| !skip.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
    let keys = match prior_obj.get("settings_wo_keys") {
        Value::List(_) => prior_obj.get("settings_wo_keys").clone(),
        _ => Value::List(vec![]),
    };
    [
        ("settings", read_with_hidden(&visible, prior_obj.get("settings"), hidden)),
        ("settings_wo", Value::Null),
        ("settings_wo_version", prior_obj.get("settings_wo_version").clone()),
        ("settings_wo_keys", keys),
    ]
}

/// The plan with `settings_wo_keys` filled from the configuration's `settings_wo` (on create, and
/// on updates that send it), so the state after apply knows which keys are write-only.
pub fn with_wo_keys(mut planned: Value, prior: &Value, config: &Value) -> Value {
    let sent = convert::parse_json(config.get("settings_wo")).and_then(|j| j.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()));
    let resent = prior.is_null() || !prior.get("settings_wo_version").semantically_equal(config.get("settings_wo_version"));
    let mut keys: Vec<String> = wo_keys(prior);
    if let (Some(sent), true) = (sent, resent) {
        keys.extend(sent);
    }
    keys.sort();
    keys.dedup();
    planned.set("settings_wo_keys", Value::List(keys.into_iter().map(Value::from).collect()));
    planned
}

/// Like [`read`], for APIs that never return some keys at all (a warehouse's `password`): those
/// keep the prior state's value.
pub fn read_with_hidden(remote: &Map<String, Json>, prior: &Value, hidden: &[&str]) -> Value {
    let prior_map = convert::parse_json(prior).and_then(|j| j.as_object().cloned()).unwrap_or_default();
    let mut out = Map::new();
    for k in hidden {
        if let Some(v) = prior_map.get(*k).filter(|_| !remote.contains_key(*k)) {
            out.insert(k.to_string(), v.clone());
        }
    }
    for (k, v) in remote {
        if let Json::String(masked) = v {
            if masked.contains(MASK) {
                match prior_map.get(k) {
                    Some(p) if masks_to(p, masked) => {
                        out.insert(k.clone(), p.clone());
                    }
                    Some(_) => {
                        out.insert(k.clone(), v.clone());
                    }
                    None => {}
                }
                continue;
            }
        }
        out.insert(k.clone(), v.clone());
    }
    plan::keep_json_text(prior, Value::from(convert::json_text(&Json::Object(out))))
}

/// Private-state key under which the settings keys the API generated are remembered.
const GENERATED: &str = "settings_generated";

/// The state with the settings keys the API generated on its own left out of `settings`.
///
/// Segment's API adds settings keys on create and update ("new settings can be generated in the
/// response", official `source_resource.go` ~360; it keeps only configured keys, `utils.go`
/// `mergeSettings`). Keeping them would end in "Provider produced inconsistent result" and then
/// in a diff that never goes away; dropping every key not configured would hide keys someone adds
/// later. So after a create or an update (`sent` is the settings sent), the keys the API returned
/// that were not sent with a value are remembered in the resource's private state and left out;
/// a read (`sent` is `None`) leaves out the remembered ones, so a key added by someone else, and
/// any change to a configured key, still show as drift. After an import nothing is remembered:
/// every key is in state (as `segsync-export` writes it into the configuration).
pub fn without_generated(
    ctx: &Ctx,
    mut state: Value,
    sent: Option<&Map<String, Json>>,
    remote: &Map<String, Json>,
    prior: &Value,
) -> Value {
    let generated: Vec<String> = match sent {
        Some(sent) => {
            let keys: Vec<String> = remote.keys().filter(|k| sent.get(*k).is_none_or(Json::is_null)).cloned().collect();
            ctx.private.set(GENERATED, Json::from(keys.clone()));
            keys
        }
        None => ctx
            .private
            .get(GENERATED)
            .and_then(|v| v.as_array().map(|a| a.iter().filter_map(|k| k.as_str().map(str::to_string)).collect()))
            .unwrap_or_default(),
    };
    if generated.is_empty() {
        return state;
    }
    let Some(mut m) = convert::parse_json(state.get("settings")).and_then(|j| j.as_object().cloned()) else { return state };
    m.retain(|k, _| !generated.contains(k));
    state.set("settings", plan::keep_json_text(prior.get("settings"), Value::from(convert::json_text(&Json::Object(m)))));
    state
}

/// What to send on create: the settings merged with the write-only settings.
pub fn for_create(settings: &Value, settings_wo: &Value) -> Map<String, Json> {
    let mut m = convert::parse_json(settings).and_then(|j| j.as_object().cloned()).unwrap_or_default();
    if let Some(wo) = convert::parse_json(settings_wo).and_then(|j| j.as_object().cloned()) {
        m.extend(wo);
    }
    m
}

/// What to send on update: the new settings, `null` for keys that left the configuration, and
/// the write-only settings when their version changed (or they are sent for the first time).
pub fn for_update(prior: &Value, planned: &Value, config: &Value) -> Map<String, Json> {
    let mut m = convert::parse_json(planned.get("settings")).and_then(|j| j.as_object().cloned()).unwrap_or_default();
    let old = convert::parse_json(prior.get("settings")).and_then(|j| j.as_object().cloned()).unwrap_or_default();
    for k in old.keys() {
        if !m.contains_key(k) {
            m.insert(k.clone(), Json::Null);
        }
    }
    let version_changed = !prior.get("settings_wo_version").semantically_equal(config.get("settings_wo_version"));
    if version_changed {
        if let Some(wo) = convert::parse_json(config.get("settings_wo")).and_then(|j| j.as_object().cloned()) {
            m.extend(wo);
        }
    }
    m
}

/// The three settings attributes every resource with settings has.
pub fn attributes(required: bool, what: &str) -> Vec<Attribute> {
    let settings = Attribute::json("settings").describe(&format!(
        "The {what}'s settings as a JSON object, usually written with `jsonencode({{…}})`. Keys removed from the configuration are removed from the {what}. \
         Secret values are masked by the API; a masked value never shows as a change. To keep secrets out of the state, put them in `settings_wo` instead."
    ));
    vec![
        if required { settings.required() } else { settings.optional() },
        Attribute::json("settings_wo").write_only().sensitive().instead_before_write_only(
            "put these keys in `settings` (for example `merge(…, { key = var.secret })` with a `sensitive` variable); their values are then kept in state.",
        ).describe(&format!(
            "Write-only settings (JSON), merged into `settings` when the {what} is created and whenever `settings_wo_version` changes. Never stored in plan or state (Terraform 1.11+)."
        )),
        Attribute::number("settings_wo_version").optional().describe("Change this number to send `settings_wo` again (for example after rotating a secret)."),
        Attribute::list("settings_wo_keys", tfplugin::Type::String).computed().describe("The names (never the values) of the settings sent through `settings_wo`; they are left out of `settings`."),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(j: Json) -> Map<String, Json> {
        j.as_object().cloned().expect("object")
    }

    #[test]
    fn masked_values_keep_prior_secret_or_are_left_out() {
        let prior = Value::from(r#"{"apiKey":"secret-abcd","region":"eu"}"#);
        let remote = map(json!({"apiKey": "•••••••abcd", "region": "eu", "token": "••••wxyz"}));
        assert_eq!(read(&remote, &prior), prior, "unchanged secret and unmanaged masked key");
        let rotated = map(json!({"apiKey": "•••••••9999", "region": "eu"}));
        assert_eq!(read(&rotated, &prior), Value::from(r#"{"apiKey":"•••••••9999","region":"eu"}"#), "a rotated secret is drift");
        assert_eq!(read(&remote, &Value::Null), Value::from(r#"{"region":"eu"}"#), "import leaves masked secrets out");
    }

    #[test]
    fn updates_remove_dropped_keys_and_resend_write_only_on_version_change() {
        let prior = Value::object([("settings", Value::from(r#"{"a":1,"b":2}"#)), ("settings_wo_version", Value::from(1i64))]);
        let planned = Value::object([("settings", Value::from(r#"{"a":3}"#))]);
        let config = Value::object([("settings_wo", Value::from(r#"{"key":"s"}"#)), ("settings_wo_version", Value::from(1i64))]);
        assert_eq!(Json::Object(for_update(&prior, &planned, &config)), json!({"a": 3, "b": null}));
        let config2 = Value::object([("settings_wo", Value::from(r#"{"key":"s"}"#)), ("settings_wo_version", Value::from(2i64))]);
        assert_eq!(Json::Object(for_update(&prior, &planned, &config2)), json!({"a": 3, "b": null, "key": "s"}));
    }
}
