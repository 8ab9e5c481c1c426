//! The OpenAPI 3 document, generated from the endpoint table and the wire types.

use schemars::gen::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::routes::endpoints;

pub fn document() -> Value {
    let mut gen = SchemaSettings::openapi3().into_generator();
    let error_schema = gen.subschema_for::<segsync_api::types::ErrorEnvelope>();
    let mut paths: Map<String, Value> = Map::new();
    for e in endpoints() {
        let mut params: Vec<Value> = e
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
            .collect();
        if e.paginated {
            params.push(json!({ "name": "pagination.count", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": crate::extract::MAX_PAGE } }));
            params.push(json!({ "name": "pagination.cursor", "in": "query", "schema": { "type": "string" } }));
        }
        for q in e.query {
            let (q, required) = q.strip_suffix('!').map_or((*q, false), |q| (q, true));
            let param = match q.strip_suffix("[]") {
                Some(name) => json!({
                    "name": name, "in": "query", "required": required, "style": "form", "explode": true,
                    "schema": { "type": "array", "minItems": 1, "items": { "type": "string", "minLength": 1 } },
                }),
                None => {
                    json!({ "name": q, "in": "query", "required": required, "schema": { "type": "string", "minLength": u8::from(required) } })
                }
            };
            params.push(param);
        }
        let response = (e.response)(&mut gen);
        let mut op = json!({
            "operationId": e.operation,
            "parameters": params,
            "responses": {
                e.status.to_string(): { "description": "success", "content": { "application/json": { "schema": response } } },
                "default": { "description": "error", "content": { "application/json": { "schema": error_schema } } },
            },
            "security": [{ "bearer": [] }],
        });
        if let Some(req) = e.request {
            // The media type the operation declares in Segment's SDK (alpha-only operations take
            // only the vendor type).
            let media = segsync_api::contract::contract().by_name(e.operation).map_or("application/json", |o| o.content_type());
            op["requestBody"] = json!({ "required": true, "content": { media: { "schema": req(&mut gen) } } });
        }
        if segsync_api::contract::contract().by_name(e.operation).is_none() {
            // Not an operation of Segment's API: ours, served only with `--extensions`.
            op["x-segsync-extension"] = json!(true);
        }
        let item = paths.entry(e.path.to_string()).or_insert_with(|| json!({}));
        item[e.method] = op;
    }
    let mut schemas: Map<String, Value> =
        gen.definitions().iter().map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or(Value::Null))).collect();
    for s in schemas.values_mut() {
        any_value_as_empty_schema(s);
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "segsync workspace API", "version": env!("CARGO_PKG_VERSION") },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        },
    })
}

/// schemars writes `true` for "any JSON value" (a `serde_json::Value` field); OpenAPI 3.0 has no
/// boolean schemas (only `additionalProperties` may be a boolean), so those become `{}`.
fn any_value_as_empty_schema(v: &mut Value) {
    let Some(obj) = v.as_object_mut() else { return };
    for (key, child) in obj.iter_mut() {
        match key.as_str() {
            "properties" | "definitions" => {
                if let Some(props) = child.as_object_mut() {
                    for p in props.values_mut() {
                        if p.is_boolean() {
                            *p = json!({});
                        }
                        any_value_as_empty_schema(p);
                    }
                }
            }
            "items" | "not" | "additionalProperties" => {
                if child.is_boolean() && key != "additionalProperties" {
                    *child = json!({});
                }
                any_value_as_empty_schema(child);
            }
            "allOf" | "anyOf" | "oneOf" => {
                for s in child.as_array_mut().into_iter().flatten() {
                    if s.is_boolean() {
                        *s = json!({});
                    }
                    any_value_as_empty_schema(s);
                }
            }
            _ => {}
        }
    }
}
