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
            params.push(json!({ "name": q, "in": "query", "schema": { "type": "string" } }));
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
            op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": req(&mut gen) } } });
        }
        let item = paths.entry(e.path.to_string()).or_insert_with(|| json!({}));
        item[e.method] = op;
    }
    let schemas: Map<String, Value> =
        gen.definitions().iter().map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or(Value::Null))).collect();
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
