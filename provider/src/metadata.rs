//! Catalog metadata (sources, destinations, warehouses): the nested `metadata` attributes of
//! resources and the metadata data sources, and their mapping from the API.

use segsync_api::types::*;
use tfplugin::schema::AttrKind;
use tfplugin::{Attribute, Nesting, Type, Value};

use crate::convert::{num, opt_bool, opt_json_text, opt_str, str_list};

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

fn logos_value(l: &Logos) -> Value {
    Value::object([("default", Value::from(l.default.as_str())), ("mark", opt_str(l.mark.as_deref())), ("alt", opt_str(l.alt.as_deref()))])
}

fn options_value(o: &[IntegrationOption]) -> Value {
    Value::List(
        o.iter()
            .map(|o| {
                Value::object([
                    ("name", Value::from(o.name.as_str())),
                    ("type", Value::from(o.kind.as_str())),
                    ("required", Value::Bool(o.required)),
                    ("description", opt_str(o.description.as_deref())),
                    ("default_value", opt_json_text(o.default_value.as_ref())),
                    ("label", opt_str(o.label.as_deref())),
                ])
            })
            .collect(),
    )
}

pub fn source_value(m: &SourceMetadata) -> Value {
    Value::object([
        ("id", Value::from(m.id.as_str())),
        ("name", Value::from(m.name.as_str())),
        ("slug", Value::from(m.slug.as_str())),
        ("description", Value::from(m.description.as_str())),
        ("logos", logos_value(&m.logos)),
        ("options", options_value(&m.options)),
        ("categories", str_list(&m.categories)),
        ("is_cloud_event_source", Value::Bool(m.is_cloud_event_source)),
    ])
}

pub fn warehouse_value(m: &WarehouseMetadata) -> Value {
    Value::object([
        ("id", Value::from(m.id.as_str())),
        ("name", Value::from(m.name.as_str())),
        ("slug", Value::from(m.slug.as_str())),
        ("description", Value::from(m.description.as_str())),
        ("logos", logos_value(&m.logos)),
        ("options", options_value(&m.options)),
    ])
}

pub fn destination_value(m: &DestinationMetadata) -> Value {
    let f = &m.supported_features;
    let me = &m.supported_methods;
    let p = &m.supported_platforms;
    Value::object([
        ("id", Value::from(m.id.as_str())),
        ("name", Value::from(m.name.as_str())),
        ("description", Value::from(m.description.as_str())),
        ("slug", Value::from(m.slug.as_str())),
        ("logos", logos_value(&m.logos)),
        ("options", options_value(&m.options)),
        ("status", Value::from(m.status.as_str())),
        ("previous_names", str_list(&m.previous_names)),
        ("categories", str_list(&m.categories)),
        ("website", Value::from(m.website.as_str())),
        (
            "components",
            Value::List(
                m.components
                    .iter()
                    .map(|c| {
                        Value::object([
                            ("type", Value::from(c.kind.as_str())),
                            ("code", Value::from(c.code.as_str())),
                            ("owner", opt_str(c.owner.as_deref())),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "supported_features",
            Value::object([
                ("cloud_mode_instances", opt_str(f.cloud_mode_instances.as_deref())),
                ("device_mode_instances", opt_str(f.device_mode_instances.as_deref())),
                ("replay", opt_bool(f.replay)),
                ("browser_unbundling", opt_bool(f.browser_unbundling)),
                ("browser_unbundling_public", opt_bool(f.browser_unbundling_public)),
            ]),
        ),
        (
            "supported_methods",
            Value::object([
                ("pageview", opt_bool(me.pageview)),
                ("identify", opt_bool(me.identify)),
                ("alias", opt_bool(me.alias)),
                ("track", opt_bool(me.track)),
                ("group", opt_bool(me.group)),
            ]),
        ),
        (
            "supported_platforms",
            Value::object([("browser", opt_bool(p.browser)), ("server", opt_bool(p.server)), ("mobile", opt_bool(p.mobile))]),
        ),
        (
            "actions",
            Value::List(
                m.actions
                    .iter()
                    .map(|a| {
                        Value::object([
                            ("id", Value::from(a.id.as_str())),
                            ("slug", Value::from(a.slug.as_str())),
                            ("name", Value::from(a.name.as_str())),
                            ("description", Value::from(a.description.as_str())),
                            ("platform", Value::from(a.platform.as_str())),
                            ("hidden", Value::Bool(a.hidden)),
                            ("default_trigger", opt_str(a.default_trigger.as_deref())),
                            (
                                "fields",
                                Value::List(
                                    a.fields
                                        .iter()
                                        .map(|f| {
                                            Value::object([
                                                ("id", Value::from(f.id.as_str())),
                                                ("sort_order", num(f.sort_order)),
                                                ("field_key", Value::from(f.field_key.as_str())),
                                                ("label", Value::from(f.label.as_str())),
                                                ("type", Value::from(f.kind.as_str())),
                                                ("description", Value::from(f.description.as_str())),
                                                ("placeholder", opt_str(f.placeholder.as_deref())),
                                                ("default_value", opt_json_text(f.default_value.as_ref())),
                                                ("required", Value::Bool(f.required)),
                                                ("multiple", Value::Bool(f.multiple)),
                                                ("choices", opt_json_text(f.choices.as_ref())),
                                                ("dynamic", Value::Bool(f.dynamic)),
                                                ("allow_null", Value::Bool(f.allow_null)),
                                            ])
                                        })
                                        .collect(),
                                ),
                            ),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "presets",
            Value::List(
                m.presets
                    .iter()
                    .map(|p| {
                        Value::object([
                            ("action_id", Value::from(p.action_id.as_str())),
                            ("name", Value::from(p.name.as_str())),
                            ("fields", opt_json_text(Some(&p.fields))),
                            ("trigger", Value::from(p.trigger.as_str())),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "contacts",
            Value::List(
                m.contacts
                    .iter()
                    .flatten()
                    .map(|c| {
                        Value::object([
                            ("name", Value::from(c.name.as_str())),
                            ("email", Value::from(c.email.as_str())),
                            ("role", Value::from(c.role.as_str())),
                            ("is_primary", Value::Bool(c.is_primary)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("partner_owned", opt_bool(m.partner_owned)),
        ("supported_regions", str_list(m.supported_regions.as_deref().unwrap_or_default())),
        ("region_endpoints", str_list(m.region_endpoints.as_deref().unwrap_or_default())),
    ])
}
