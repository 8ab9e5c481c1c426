//! `GET /openapi.json` describes what is served: live responses of every family validate
//! against it, and every served route is documented.

use serde_json::Value;

use crate::support::start;

/// A small validator for the OpenAPI 3.0 schema subset the document uses.
fn validate(doc: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(!target.is_null(), "dangling $ref {r}");
        return validate(doc, target, v, at, errors);
    }
    if v.is_null() && schema.get("nullable").and_then(Value::as_bool) == Some(true) {
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(doc, s, v, at, errors);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(any) = schema.get(key).and_then(Value::as_array) {
            let ok = any.iter().any(|s| {
                let mut e = Vec::new();
                validate(doc, s, v, at, &mut e);
                e.is_empty()
            });
            if !ok {
                errors.push(format!("{at}: matches none of {key}"));
            }
        }
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at}: expected {t}, got {v}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let k = req.as_str().unwrap_or_default();
            if !obj.contains_key(k) {
                errors.push(format!("{at}: missing required '{k}'"));
            }
        }
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(doc, ps, val, &format!("{at}.{k}"), errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{at}: unexpected '{k}'")),
                    Some(ap @ Value::Object(_)) => validate(doc, ap, val, &format!("{at}.{k}"), errors),
                    _ if props.is_some() && schema.get("allOf").is_none() => errors.push(format!("{at}: undocumented field '{k}'")),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            validate(doc, items, x, &format!("{at}[{i}]"), errors);
        }
    }
}

/// The documented path template that a concrete path matches.
fn template<'a>(doc: &'a Value, method: &str, path: &str) -> Option<(&'a str, &'a Value)> {
    let segs: Vec<&str> = path.split('?').next().unwrap_or("").split('/').collect();
    doc["paths"].as_object()?.iter().find_map(|(tpl, item)| {
        let t: Vec<&str> = tpl.split('/').collect();
        let matches = t.len() == segs.len() && t.iter().zip(&segs).all(|(a, b)| a.starts_with('{') || a == b);
        (matches && item.get(method).is_some()).then(|| (tpl.as_str(), &item[method]))
    })
}

#[tokio::test]
async fn live_responses_match_the_published_document() {
    let srv = start().await;
    segsync_server::seed::seed(&srv.state.db, &srv.state.catalog, 150, 3).await.expect("seed");
    let raw = srv.http();
    let doc = reqwest::get(format!("{}/openapi.json", srv.url)).await.expect("doc").json::<Value>().await.expect("json");
    assert_eq!(doc["openapi"], "3.0.3");
    let endpoint_count: usize = doc["paths"].as_object().expect("paths").values().map(|p| p.as_object().map_or(0, |o| o.len())).sum();
    assert_eq!(endpoint_count, segsync_server::routes::endpoints().len());
    assert!(endpoint_count >= 90, "{endpoint_count} endpoints documented");

    let c = srv.client();
    let src = c.list_sources().await.expect("sources")[0].clone();
    let dests = c.list_destinations().await.expect("destinations");
    let dest = dests.iter().find(|d| !d.metadata.actions.is_empty()).expect("an actions destination").clone();
    let plan = c.list_tracking_plans().await.expect("plans")[0].clone();
    let func = c.list_all_functions().await.expect("functions")[0].clone();
    let mut inst = None;
    for f in c.list_functions("INSERT_DESTINATION").await.expect("insert functions") {
        inst = inst.or(c.list_insert_function_instances(f.id.as_deref().expect("id")).await.expect("instances").first().cloned());
    }
    let inst = inst.expect("a seeded insert-function instance");
    let group = c.list_user_groups().await.expect("groups")[0].clone();
    let user = c.list_users().await.expect("users")[0].clone();
    let wh = c.list_warehouses().await.expect("warehouses")[0].clone();
    let model = c.list_reverse_etl_models().await.expect("models")[0].clone();
    let trf = c.list_transformations().await.expect("transformations")[0].clone();
    let space = srv.state.catalog.spaces[0].clone();
    let filter = c.list_filters(&dests[0].id).await.expect("filters")[0].clone();
    let sub = c.list_subscriptions(&dest.id).await.expect("subscriptions")[0].clone();

    let gets = vec![
        "/".to_string(),
        "/catalog/sources?pagination.count=3".into(),
        format!("/catalog/sources/{}", src.metadata.id),
        "/catalog/destinations".into(),
        format!("/catalog/destinations/{}", dest.metadata.id),
        "/catalog/warehouses".into(),
        format!("/catalog/warehouses/{}", wh.metadata.id),
        "/audit-events?pagination.count=50".into(),
        "/sources".into(),
        format!("/sources/{}", src.id),
        format!("/sources/{}/settings", src.id),
        format!("/sources/{}/connected-warehouses", src.id),
        "/destinations".into(),
        format!("/destinations/{}", dest.id),
        format!("/destination/{}/filters", dests[0].id),
        format!("/destination/{}/filters/{}", dests[0].id, filter.id),
        format!("/destinations/{}/subscriptions", dest.id),
        format!("/destinations/{}/subscriptions/{}", dest.id, sub.id),
        "/warehouses".into(),
        format!("/warehouses/{}", wh.id),
        format!("/spaces/{space}/profiles-warehouses"),
        "/functions?resourceType=INSERT_DESTINATION".into(),
        format!("/functions/{}", func.id.clone().unwrap_or_default()),
        format!("/insert-function-instances?functionId={}", inst.class_id),
        format!("/insert-function-instances/{}", inst.id),
        "/transformations".into(),
        format!("/transformations/{}", trf.id),
        "/reverse-etl-models".into(),
        format!("/reverse-etl-models/{}", model.id),
        "/tracking-plans".into(),
        format!("/tracking-plans/{}", plan.id),
        format!("/tracking-plans/{}/rules", plan.id),
        format!("/tracking-plans/{}/sources", plan.id),
        "/labels".into(),
        "/roles".into(),
        "/users".into(),
        format!("/users/{}", user.id),
        "/invites".into(),
        "/groups".into(),
        format!("/groups/{}", group.id),
        format!("/groups/{}/users", group.id),
        format!("/groups/{}/invites", group.id),
    ];
    let mut checked = 0;
    let mut errors = Vec::new();
    for path in &gets {
        let r = raw.get(path).await;
        let (tpl, op) = template(&doc, "get", path).unwrap_or_else(|| panic!("{path} is not documented"));
        let schema = &op["responses"][r.status.to_string()]["content"]["application/json"]["schema"];
        assert!(!schema.is_null(), "GET {tpl} answered {} which is not documented: {}", r.status, r.body);
        validate(&doc, schema, &r.body, &format!("GET {path}"), &mut errors);
        checked += 1;
    }
    // Writes and errors validate too.
    let writes = vec![
        (
            "post",
            "/sources".to_string(),
            serde_json::json!({ "slug": "openapi-check", "enabled": true, "metadataId": src.metadata.id }).to_string(),
        ),
        ("patch", format!("/sources/{}", src.id), r#"{"enabled": false}"#.to_string()),
        ("post", "/labels".to_string(), r#"{"label": {"key": "tier", "value": "gold"}}"#.to_string()),
        ("put", format!("/tracking-plans/{}/rules", plan.id), r#"{"rules": []}"#.to_string()),
        ("delete", format!("/destination/{}/filters/{}", dests[0].id, filter.id), String::new()),
        ("post", "/sources".to_string(), r#"{"slug": 1}"#.to_string()),
    ];
    for (method, path, body) in &writes {
        let r = if body.is_empty() {
            raw.send(&method.to_uppercase(), path, None, None).await
        } else {
            raw.json(&method.to_uppercase(), path, body).await
        };
        let (_, op) = template(&doc, method, path).unwrap_or_else(|| panic!("{method} {path} is not documented"));
        let resp = &op["responses"][r.status.to_string()];
        let schema = if resp.is_null() {
            &op["responses"]["default"]["content"]["application/json"]["schema"]
        } else {
            &resp["content"]["application/json"]["schema"]
        };
        validate(&doc, schema, &r.body, &format!("{method} {path}"), &mut errors);
        checked += 1;
    }
    assert!(errors.is_empty(), "responses that do not match the document:\n{}", errors.join("\n"));

    // The validator itself rejects a body that breaks the document.
    let (_, op) = template(&doc, "get", &format!("/sources/{}", src.id)).expect("documented");
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    let mut bad = raw.get(&format!("/sources/{}", src.id)).await.body;
    bad["data"]["source"]["enabled"] = Value::String("yes".into());
    bad["data"]["source"].as_object_mut().expect("object").remove("slug");
    let mut found = Vec::new();
    validate(&doc, schema, &bad, "bad", &mut found);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(checked, gets.len() + writes.len());
    srv.stop().await;
}

/// OpenAPI 3.0 has no boolean schemas (only `additionalProperties` may be `true`/`false`), and
/// the query parameters the server refuses to go without are marked required.
/// (`.ci/fuzz-api` runs openapi-spec-validator and schemathesis on the same document.)
#[test]
fn the_document_is_openapi_3_0_and_marks_required_query_parameters() {
    fn walk(v: &Value, at: &str, found: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let schema_slots: &[&str] = &["items", "not"];
                    if schema_slots.contains(&k.as_str()) && child.is_boolean() {
                        found.push(format!("{at}/{k}"));
                    }
                    if k == "properties" || k == "schemas" {
                        for (name, s) in child.as_object().into_iter().flatten() {
                            if s.is_boolean() {
                                found.push(format!("{at}/{k}/{name}"));
                            }
                        }
                    }
                    walk(child, &format!("{at}/{k}"), found);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| walk(c, &format!("{at}/{i}"), found)),
            _ => {}
        }
    }
    let doc = segsync_server::openapi::document();
    let mut found = Vec::new();
    walk(&doc, "", &mut found);
    assert!(found.is_empty(), "boolean schemas: {found:?}");
    let param = |path: &str, method: &str, name: &str| -> Value {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name).cloned())
            .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"))
    };
    for (path, method, name) in [
        ("/invites", "delete", "emails"),
        ("/users", "delete", "userIds"),
        ("/tracking-plans/{trackingPlanId}/sources", "delete", "sourceId"),
        ("/functions", "get", "resourceType"),
        ("/insert-function-instances", "get", "functionId"),
    ] {
        assert_eq!(param(path, method, name)["required"], true, "{method} {path} {name}");
    }
    assert_eq!(param("/invites", "delete", "emails")["schema"]["type"], "array");
    assert_eq!(param("/audit-events", "get", "resourceType")["required"], false);
}
