//! Catalog metadata (sources, destinations, warehouses): the nested `metadata` attributes of
//! resources and the metadata data sources, and their mapping from the API.

use segsync_api::types::*;
use tfplugin::schema::AttrKind;
use tfplugin::{Attribute, Nesting, Type, Value};

use serde_json::Value as Json;

use crate::convert::{num, opt_json_text};

/// Marks an attribute (and everything in it) as reported by the API.
pub fn reported(mut a: Attribute) -> Attribute {
    a.required = false;
    a.optional = false;
    a.computed = true;
    a.use_state_for_unknown = true;
    a.requires_replace = false;
    if let AttrKind::Nested(n, sub) = a.kind {
        a.kind = AttrKind::Nested(n, sub.into_iter().map(reported).collect());
    }
    a
}

fn s(name: &str) -> Attribute {
    Attribute::string(name)
}

fn logos() -> Attribute {
    Attribute::nested("logos", Nesting::Single, vec![s("default"), s("mark"), s("alt")]).describe("Logo URLs.")
}

fn options() -> Attribute {
    Attribute::nested(
        "options",
        Nesting::List,
        vec![s("name"), s("type"), Attribute::bool("required"), s("description"), Attribute::json("default_value"), s("label")],
    )
    .describe("The settings the integration accepts.")
}

pub fn source_attrs() -> Vec<Attribute> {
    vec![
        s("id").describe("The catalog id of the source type."),
        s("name"),
        s("slug"),
        s("description"),
        logos(),
        options(),
        Attribute::list("categories", Type::String),
        Attribute::bool("is_cloud_event_source"),
    ]
}

pub fn warehouse_attrs() -> Vec<Attribute> {
    vec![s("id").describe("The catalog id of the warehouse type."), s("name"), s("slug"), s("description"), logos(), options()]
}

pub fn destination_attrs() -> Vec<Attribute> {
    let field = vec![
        s("id"),
        Attribute::number("sort_order"),
        s("field_key"),
        s("label"),
        s("type"),
        s("description"),
        s("placeholder"),
        Attribute::json("default_value"),
        Attribute::bool("required"),
        Attribute::bool("multiple"),
        Attribute::json("choices"),
        Attribute::bool("dynamic"),
        Attribute::bool("allow_null"),
    ];
    vec![
        s("id").describe("The catalog id of the destination type."),
        s("name"),
        s("description"),
        s("slug"),
        logos(),
        options(),
        s("status"),
        Attribute::list("previous_names", Type::String),
        Attribute::list("categories", Type::String),
        s("website"),
        Attribute::nested("components", Nesting::List, vec![s("type"), s("code"), s("owner")]),
        Attribute::nested(
            "supported_features",
            Nesting::Single,
            vec![
                s("cloud_mode_instances"),
                s("device_mode_instances"),
                Attribute::bool("replay"),
                Attribute::bool("browser_unbundling"),
                Attribute::bool("browser_unbundling_public"),
            ],
        ),
        Attribute::nested(
            "supported_methods",
            Nesting::Single,
            vec![
                Attribute::bool("pageview"),
                Attribute::bool("identify"),
                Attribute::bool("alias"),
                Attribute::bool("track"),
                Attribute::bool("group"),
            ],
        ),
        Attribute::nested(
            "supported_platforms",
            Nesting::Single,
            vec![Attribute::bool("browser"), Attribute::bool("server"), Attribute::bool("mobile")],
        ),
        Attribute::nested(
            "actions",
            Nesting::List,
            vec![
                s("id"),
                s("slug"),
                s("name"),
                s("description"),
                s("platform"),
                Attribute::bool("hidden"),
                s("default_trigger"),
                Attribute::nested("fields", Nesting::List, field),
            ],
        ),
        Attribute::nested("presets", Nesting::List, vec![s("action_id"), s("name"), Attribute::json("fields"), s("trigger")]),
        Attribute::nested("contacts", Nesting::List, vec![s("name"), s("email"), s("role"), Attribute::bool("is_primary")]),
        Attribute::bool("partner_owned"),
        Attribute::list("supported_regions", Type::String),
        Attribute::list("region_endpoints", Type::String),
    ]
}

/// The `metadata` attribute of a resource: `id` configured (a change replaces the object), the
/// rest reported by the API.
pub fn resource_metadata(attrs: Vec<Attribute>, what: &str) -> Attribute {
    let sub = attrs
        .into_iter()
        .map(|a| {
            if a.name == "id" {
                Attribute::string("id")
                    .required()
                    .requires_replace()
                    .describe(&format!("The catalog id of the {what} type. Changing it replaces the {what}."))
            } else {
                reported(a)
            }
        })
        .collect();
    Attribute::nested("metadata", Nesting::Single, sub).required().describe(&format!("The catalog entry this {what} is an instance of."))
}

/// The state value of catalog metadata, read from the API's JSON by the attribute list itself:
/// each attribute is the camelCase key of the same name, so the names are written once (in
/// `*_attrs`). Absent lists are empty, absent nested objects have null fields, `json`
/// attributes hold the JSON text.
fn by_schema(attrs: &[Attribute], j: &Json) -> Value {
    Value::object(attrs.iter().map(|a| (a.name.as_str(), attribute_value(a, j.get(camel(&a.name)).unwrap_or(&Json::Null)))))
}

fn attribute_value(a: &Attribute, j: &Json) -> Value {
    match &a.kind {
        AttrKind::Nested(Nesting::Single, sub) => by_schema(sub, j),
        AttrKind::Nested(_, sub) => Value::List(j.as_array().into_iter().flatten().map(|e| by_schema(sub, e)).collect()),
        AttrKind::Plain(_) if a.json => opt_json_text(Some(j)),
        AttrKind::Plain(Type::List(_)) => {
            Value::List(j.as_array().into_iter().flatten().filter_map(Json::as_str).map(Value::from).collect())
        }
        AttrKind::Plain(Type::Bool) => j.as_bool().map(Value::Bool).unwrap_or(Value::Null),
        AttrKind::Plain(Type::Number) => j.as_f64().map(num).unwrap_or(Value::Null),
        AttrKind::Plain(_) => j.as_str().map(Value::from).unwrap_or(Value::Null),
    }
}

/// `is_cloud_event_source` → `isCloudEventSource`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn value_of<T: serde::Serialize>(attrs: &[Attribute], m: &T) -> Value {
    by_schema(attrs, &serde_json::to_value(m).unwrap_or(Json::Null))
}

pub fn source_value(m: &SourceMetadata) -> Value {
    value_of(&source_attrs(), m)
}

pub fn warehouse_value(m: &WarehouseMetadata) -> Value {
    value_of(&warehouse_attrs(), m)
}

pub fn destination_value(m: &DestinationMetadata) -> Value {
    value_of(&destination_attrs(), m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every attribute finds its camelCase key; absent lists are empty, absent objects have
    /// null fields, JSON attributes hold JSON text.
    #[test]
    fn metadata_values_come_from_the_attribute_lists() {
        let m: DestinationMetadata = serde_json::from_value(json!({
            "id": "d1", "name": "Webhooks", "description": "d", "slug": "webhooks",
            "logos": { "default": "https://x/l.svg" },
            "options": [{ "name": "apiKey", "type": "password", "required": true, "defaultValue": { "a": 1 } }],
            "status": "PUBLIC", "previousNames": ["Old"], "categories": ["Raw Data"], "website": "https://x",
            "components": [{ "type": "SERVER", "code": "https://c" }],
            "supportedFeatures": { "cloudModeInstances": "1", "replay": true },
            "supportedMethods": { "track": true }, "supportedPlatforms": { "server": true },
            "actions": [{ "id": "a1", "slug": "send", "name": "Send", "description": "", "platform": "CLOUD", "hidden": false,
                "defaultTrigger": "type = \"track\"",
                "fields": [{ "id": "f1", "sortOrder": 2, "fieldKey": "url", "label": "URL", "type": "STRING", "description": "",
                    "required": true, "multiple": false, "dynamic": false, "allowNull": true }] }],
            "presets": [{ "actionId": "a1", "name": "p", "fields": { "x": "y" }, "trigger": "t" }],
            "contacts": [{ "name": "n", "email": "e@x", "role": "r", "isPrimary": true }]
        }))
        .expect("fixture");
        let v = destination_value(&m);
        assert_eq!(v.get("previous_names"), &Value::List(vec![Value::from("Old")]));
        assert_eq!(v.get("logos").get("default"), &Value::from("https://x/l.svg"));
        assert_eq!(v.get("logos").get("mark"), &Value::Null);
        assert_eq!(v.get("options").as_elements().expect("options")[0].get("default_value"), &Value::from(r#"{"a":1}"#));
        assert_eq!(v.get("supported_features").get("cloud_mode_instances"), &Value::from("1"));
        assert_eq!(v.get("supported_features").get("device_mode_instances"), &Value::Null);
        assert_eq!(v.get("supported_methods").get("track"), &Value::Bool(true));
        let action = &v.get("actions").as_elements().expect("actions")[0];
        assert_eq!(action.get("default_trigger"), &Value::from("type = \"track\""));
        let field = &action.get("fields").as_elements().expect("fields")[0];
        assert_eq!(field.get("sort_order"), &num(2.0));
        assert_eq!(field.get("field_key"), &Value::from("url"));
        assert_eq!(field.get("allow_null"), &Value::Bool(true));
        assert_eq!(field.get("choices"), &Value::Null);
        assert_eq!(v.get("presets").as_elements().expect("presets")[0].get("action_id"), &Value::from("a1"));
        assert_eq!(v.get("contacts").as_elements().expect("contacts")[0].get("is_primary"), &Value::Bool(true));
        assert_eq!(v.get("supported_regions"), &Value::List(vec![]));
        assert_eq!(v.get("partner_owned"), &Value::Null);
        let names: Vec<String> = destination_attrs().iter().map(|a| a.name.clone()).collect();
        let Value::Object(fields) = &v else { panic!("not an object: {v:?}") };
        assert_eq!(fields.keys().cloned().collect::<Vec<_>>().len(), names.len());
        assert!(names.iter().all(|n| fields.contains_key(n)), "{names:?}");
    }
}
