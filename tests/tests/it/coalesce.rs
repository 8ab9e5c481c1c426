//! The provider's coalesced reads: a refresh serves objects of a kind from one listing once that
//! is cheaper than one GET each — with exactly the state single reads give.

use e2e::gitserver::bare_repo;
use e2e::Backend;

use crate::export::{checkout, export_once, terraform_over};

/// Every resource instance of a state: (address, attributes, private, identity), sorted.
fn instances(state: &str) -> Vec<(String, serde_json::Value, serde_json::Value, serde_json::Value)> {
    let v: serde_json::Value = serde_json::from_str(state).expect("state JSON");
    let mut out = Vec::new();
    for r in v["resources"].as_array().into_iter().flatten() {
        for i in r["instances"].as_array().into_iter().flatten() {
            let address = format!("{}.{}", r["type"].as_str().unwrap_or_default(), r["name"].as_str().unwrap_or_default());
            out.push((address, i["attributes"].clone(), i["private"].clone(), i["identity"].clone()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A refresh of an exported workspace (every kind) gives the same state, private state and
/// identities whether objects are read one by one or from listings, and the coalesced one asks
/// the API less.
#[test]
fn coalesced_reads_give_the_state_single_reads_give_over_every_kind() {
    let b = Backend::start();
    b.seed(200, 7);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let out = export_once(&b, &repo, &tmp.path().join("work"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = checkout(&repo, &tmp.path().join("co"));
    let mut w = terraform_over(&b, &co);
    w.ok(&["init", "-no-color", "-input=false"]);
    w.apply();
    let kinds: std::collections::BTreeSet<String> =
        instances(&w.ok(&["state", "pull"]).stdout).into_iter().map(|i| i.0.split('.').next().unwrap_or_default().to_string()).collect();
    assert!(kinds.len() >= 14, "the export holds every kind: {kinds:?}");

    let mut states = Vec::new();
    for (mode, value) in [("single reads", "off"), ("coalesced", "on")] {
        let log = tmp.path().join(format!("requests-{value}"));
        w.set_env("SEGSYNC_READ_COALESCING", value);
        w.set_env("SEGSYNC_CONTRACT_LOG", &log.display().to_string());
        w.ok(&["apply", "-refresh-only", "-auto-approve", "-no-color"]);
        let state = instances(&w.ok(&["state", "pull"]).stdout);
        let requests = e2e::requests_logged(&log);
        eprintln!("refresh of {} resources, {mode}: {requests} requests", state.len());
        states.push((state, requests));
    }
    let (single, coalesced) = (&states[0], &states[1]);
    assert_eq!(single.0.len(), coalesced.0.len());
    for (a, b) in single.0.iter().zip(&coalesced.0) {
        assert_eq!(a, b, "{} differs between single and coalesced reads", a.0);
    }
    assert!(coalesced.1 < single.1, "coalescing asked the API less: {} vs {}", coalesced.1, single.1);
    w.assert_plan_empty();
}
