//! `terraform-provider-segment` against a real segsync-server, driven by a real Terraform.

use e2e::{planned_actions, Acceptance, Backend, SEGMENT};
use segsync_api::types::*;

fn cfg(body: &str) -> String {
    format!("{SEGMENT}\n{body}")
}

#[test]
fn source_acceptance_drift_and_secrets() {
    let b = Backend::start();
    let w = b.workdir();
    b.block(b.client.create_label(&Label { key: "env".into(), value: "prod".into(), description: None })).expect("label");
    let stripe = b.source_metadata_id("stripe");
    let create = cfg(&format!(
        r#"
resource "segment_source" "main" {{
  slug     = "billing"
  name     = "Billing"
  enabled  = true
  metadata = {{ id = "{stripe}" }}
  settings = jsonencode({{ accountId = "acct_1" }})
  settings_wo = jsonencode({{ apiKey = "rk_live_wo_secret_5678" }})
  labels   = [{{ key = "env", value = "prod" }}]
}}
"#
    ));
    let update = create.replace("name     = \"Billing\"", "name     = \"Billing v2\"");
    Acceptance {
        workdir: &w,
        address: "segment_source.main",
        create: create.clone(),
        update: Some(update.clone()),
        import_id: Box::new(|v| v["id"].as_str().unwrap_or_default().to_string()),
        ignore_on_import: vec![],
        gone: Box::new(|v| b.block(b.client.get_source(v["id"].as_str().unwrap_or_default())).err().is_some_and(|e| e.is_not_found())),
    }
    .run();

    // Again, to look at drift: create, then change things behind Terraform's back.
    w.write("main.tf", &update);
    w.apply();
    let state = w.resource("segment_source.main");
    let id = state["id"].as_str().expect("id").to_string();
    assert!(!w.state_file().contains("rk_live_wo_secret_5678"), "a write-only secret reached the state file");
    let stored = b.block(b.client.get_source(&id)).expect("source").source;
    assert_eq!(
        stored.settings.as_ref().and_then(|s| s.get("apiKey")).and_then(|v| v.as_str()).map(|s| s.ends_with("5678")),
        Some(true),
        "the write-only secret was sent"
    );

    // A settings key changed remotely is drift; a key added remotely is removed by apply.
    let mut settings = Settings::new();
    settings.insert("accountId".into(), "acct_other".into());
    settings.insert("extra".into(), "x".into());
    b.block(b.client.update_source(&id, &UpdateSourceInput { settings: Some(settings), ..Default::default() })).expect("drift");
    let actions = planned_actions(&w.plan_json(&[]));
    assert!(actions.contains(&("segment_source.main".into(), vec!["update".into()])), "{actions:?}");
    w.apply();
    w.assert_plan_empty();
    let stored = b.block(b.client.get_source(&id)).expect("source").source.settings.unwrap_or_default();
    assert_eq!(stored.get("accountId").and_then(|v| v.as_str()), Some("acct_1"));
    assert!(!stored.contains_key("extra"), "a key not in the configuration was removed");
    assert!(stored.contains_key("apiKey"), "the write-only secret is kept");

    // Bumping settings_wo_version sends the write-only settings again.
    w.write(
        "main.tf",
        &update.replace("rk_live_wo_secret_5678", "rk_live_rotated_9999").replace("labels   =", "settings_wo_version = 2\n  labels   ="),
    );
    w.apply();
    w.assert_plan_empty();
    let stored = b.block(b.client.get_source(&id)).expect("source").source.settings.unwrap_or_default();
    assert!(stored.get("apiKey").and_then(|v| v.as_str()).is_some_and(|v| v.ends_with("9999")), "the rotated secret was sent");
    assert!(!w.state_file().contains("rk_live_rotated_9999"));

    // Deleted remotely: the next plan re-creates it, without an error.
    b.block(b.client.delete_source(&id)).expect("delete");
    let actions = planned_actions(&w.plan_json(&[]));
    assert!(actions.contains(&("segment_source.main".into(), vec!["create".into()])), "{actions:?}");
    w.apply();
    w.assert_plan_empty();
    w.destroy();
}

#[test]
fn secrets_in_settings_never_show_a_diff() {
    let b = Backend::start();
    let w = b.workdir();
    let stripe = b.source_metadata_id("stripe");
    w.write(
        "main.tf",
        &cfg(&format!("resource \"segment_source\" \"s\" {{\n  slug     = \"pay\"\n  enabled  = true\n  metadata = {{ id = \"{stripe}\" }}\n  settings = jsonencode({{ apiKey = \"sk_in_settings_1234\" }})\n}}\n")),
    );
    w.apply();
    w.assert_plan_empty();
    let id = w.resource("segment_source.s")["id"].as_str().expect("id").to_string();
    let remote = b.block(b.client.get_source(&id)).expect("source").source;
    assert!(
        remote.settings.as_ref().and_then(|s| s.get("apiKey")).and_then(|v| v.as_str()).is_some_and(|v| v.starts_with('•')),
        "the API masks it"
    );
}

#[test]
fn missing_or_rejected_token_is_a_clear_error() {
    let b = Backend::start();
    let mut w = b.workdir();
    w.write("main.tf", &cfg("resource \"segment_label\" \"l\" {\n  key   = \"a\"\n  value = \"b\"\n}\n"));
    w.set_env("PUBLIC_API_TOKEN", "");
    let r = w.run(&["plan", "-no-color"]);
    assert_ne!(r.code, 0);
    assert!(r.all().contains("Missing API Token") && r.all().contains("PUBLIC_API_TOKEN"), "{}", r.all());
    w.set_env("PUBLIC_API_TOKEN", "sgs_nope.not-a-token");
    let r = w.run(&["plan", "-no-color"]);
    assert_ne!(r.code, 0);
    assert!(r.all().contains("Rejected the Token"), "{}", r.all());
}
