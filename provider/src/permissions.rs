//! Permissions of users and user groups: schema and mapping.

use segsync_api::types::{AllowedLabel, Permission, PermissionInput, PermissionResource};
use tfplugin::{Attribute, Nesting, Value};

use crate::convert::str_of;

pub fn attribute(min: Option<usize>) -> Attribute {
    let a = Attribute::nested(
        "permissions",
        Nesting::Set,
        vec![
            Attribute::string("role_id").required().describe("The role granted (see `data.segment_role`)."),
            Attribute::nested(
                "resources",
                Nesting::Set,
                vec![
                    Attribute::string("id").required().describe("The resource's id."),
                    Attribute::string("type")
                        .required()
                        .one_of(&["FUNCTION", "SOURCE", "SPACE", "WAREHOUSE", "WORKSPACE"])
                        .describe("FUNCTION, SOURCE, SPACE, WAREHOUSE or WORKSPACE."),
                    Attribute::nested(
                        "labels",
                        Nesting::Set,
                        vec![Attribute::string("key").required(), Attribute::string("value").required()],
                    )
                    .required()
                    .max_items(200)
                    .describe("Labels the grant is limited to."),
                ],
            )
            .optional()
            .max_items(200)
            .describe("The resources the role applies to; the whole workspace when not set."),
        ],
    )
    .required()
    .max_items(200)
    .describe("The roles granted.");
    match min {
        Some(n) => a.min_items(n),
        None => a,
    }
}

pub fn value(perms: &[Permission]) -> Value {
    Value::Set(
        perms
            .iter()
            .map(|p| {
                let resources: Vec<Value> = p
                    .resources
                    .iter()
                    .map(|r| {
                        let labels = r
                            .labels
                            .iter()
                            .flatten()
                            .map(|l| Value::object([("key", Value::from(l.key.as_str())), ("value", Value::from(l.value.as_str()))]))
                            .collect();
                        Value::object([
                            ("id", Value::from(r.id.as_str())),
                            ("type", Value::from(r.kind.as_str())),
                            ("labels", Value::Set(labels)),
                        ])
                    })
                    .collect();
                Value::object([
                    ("role_id", Value::from(p.role_id.as_str())),
                    ("resources", if resources.is_empty() { Value::Null } else { Value::Set(resources) }),
                ])
            })
            .collect(),
    )
}

pub fn inputs(v: &Value) -> Vec<PermissionInput> {
    v.get("permissions")
        .as_elements()
        .unwrap_or_default()
        .iter()
        .map(|p| PermissionInput {
            role_id: str_of(p, "role_id").unwrap_or_default(),
            resources: p
                .get("resources")
                .as_elements()
                .unwrap_or_default()
                .iter()
                .map(|r| PermissionResource {
                    id: str_of(r, "id").unwrap_or_default(),
                    kind: str_of(r, "type").unwrap_or_default(),
                    labels: Some(
                        r.get("labels")
                            .as_elements()
                            .unwrap_or_default()
                            .iter()
                            .map(|l| AllowedLabel {
                                key: str_of(l, "key").unwrap_or_default(),
                                value: str_of(l, "value").unwrap_or_default(),
                                description: None,
                            })
                            .collect(),
                    ),
                })
                .collect(),
        })
        .collect()
}
