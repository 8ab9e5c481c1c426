//! `segsync-contract check` fails on a request or an answer broken on purpose, and passes on
//! good ones.

use std::process::Command;

use segsync_api::contract::Exchange;
use serde_json::json;

fn check(exchanges: &[Exchange]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lines: Vec<String> = exchanges.iter().map(|e| serde_json::to_string(e).expect("json")).collect();
    std::fs::write(dir.path().join("client-1.jsonl"), lines.join("\n") + "\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_segsync-contract")).arg("check").arg(dir.path()).output().expect("run");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn request(method: &str, path: &str, query: &[(&str, &str)], body: Option<serde_json::Value>) -> Exchange {
    Exchange {
        side: "client".into(),
        method: method.into(),
        path: path.into(),
        query: query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        content_type: body.as_ref().map(|_| "application/json".to_string()),
        body,
        status: None,
        response: None,
    }
}

fn answer(method: &str, path: &str, status: u16, body: serde_json::Value) -> Exchange {
    Exchange {
        side: "server".into(),
        method: method.into(),
        path: path.into(),
        query: vec![],
        content_type: None,
        body: None,
        status: Some(status),
        response: Some(body),
    }
}

#[test]
fn good_exchanges_pass_and_each_broken_one_fails() {
    let good_list = request("GET", "/functions", &[("resourceType", "SOURCE"), ("pagination.count", "200")], None);
    let good_label = request("POST", "/labels", &[], Some(json!({"label": {"key": "team", "value": "web"}})));
    let good_answer = answer("GET", "/labels", 200, json!({"data": {"labels": [{"key": "team", "value": "web"}]}}));
    let (ok, out) = check(&[good_list.clone(), good_label.clone(), good_answer.clone()]);
    assert!(ok, "{out}");
    assert!(out.contains("violations: 0"), "{out}");

    let no_filter = request("GET", "/functions", &[("pagination.count", "200")], None);
    let (ok, out) = check(&[good_label.clone(), no_filter]);
    assert!(!ok && out.contains("required query parameter 'resourceType' is missing"), "{out}");

    let mut wrong_media = request(
        "POST",
        "/insert-function-instances",
        &[],
        Some(json!({"functionId": "a", "integrationId": "b", "name": "n", "settings": {}})),
    );
    wrong_media.content_type = Some("application/json".into());
    let (ok, out) = check(&[wrong_media]);
    assert!(!ok && out.contains("is not one the operation declares"), "{out}");

    let invented = answer("GET", "/labels", 200, json!({"data": {"labels": [{"key": "team", "value": "web", "colour": "red"}]}}));
    let (ok, out) = check(&[good_list, invented]);
    assert!(!ok && out.contains("colour: not a field of"), "{out}");

    let missing = answer("GET", "/labels", 200, json!({"data": {"labels": [{"key": "team"}]}}));
    let (ok, out) = check(&[missing]);
    assert!(!ok && out.contains("value: required field of"), "{out}");
}
