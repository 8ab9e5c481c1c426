//! Works on the Terraform our users run: these tests run on every Terraform under test (1.15.5 in
//! the main run; 1.6.6 and 1.12.2 in `.ci/test`'s version matrix) and expect what that version
//! can do. Write-only attributes arrived in 1.11, resource identity in 1.12, list resources in
//! 1.14.

use std::process::Command;

use e2e::{planned_actions, Backend, SEGMENT};
use segsync_api::types::*;

use crate::export::{checkout, terraform_over};

/// A source and a destination holding a secret (`apiKey`, masked by the API).
fn workspace_with_a_secret(b: &Backend) -> (Source, Destination) {
    let src = b
        .block(b.client.create_source(&CreateSourceInput {
            slug: "web".into(),
            enabled: true,
            metadata_id: b.source_metadata_id("javascript"),
            ..Default::default()
        }))
        .expect("source");
    let mut settings = Settings::new();
    settings.insert("apiKey".into(), serde_json::json!("amp-secret-0001"));
    settings.insert("useLogRevenueV2".into(), serde_json::json!(true));
    let dest = b
        .block(b.client.create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: b.destination_metadata_id("amplitude"),
            name: Some("Amplitude".into()),
            enabled: Some(true),
            settings,
        }))
        .expect("destination");
    (src, dest)
}

/// On a Terraform without write-only attributes, `settings_wo` is refused at validation with an
/// error on the attribute saying which version it needs and what to write instead (never
/// "Provider produced invalid plan"); from 1.11 the same configuration plans.
#[test]
fn settings_wo_needs_terraform_1_11_and_older_releases_are_told_so() {
    let b = Backend::start();
    let w = b.workdir();
    let meta = b.destination_metadata_id("amplitude");
    let src_meta = b.source_metadata_id("javascript");
    w.write(
        "main.tf",
        &format!(
            "{SEGMENT}\nresource \"segment_source\" \"s\" {{\n  slug     = \"web\"\n  enabled  = true\n  metadata = {{ id = \"{src_meta}\" }}\n  settings = jsonencode({{}})\n}}\nresource \"segment_destination\" \"d\" {{\n  enabled     = true\n  source_id   = segment_source.s.id\n  metadata    = {{ id = \"{meta}\" }}\n  settings    = jsonencode({{}})\n  settings_wo = jsonencode({{ apiKey = \"amp-wo-0001\" }})\n}}\n"
        ),
    );
    let r = w.run(&["plan", "-no-color"]);
    let all = r.all();
    if e2e::write_only_supported() {
        assert_eq!(r.code, 0, "{all}");
        return;
    }
    assert_ne!(r.code, 0, "{all}");
    assert!(all.contains("settings_wo needs Terraform 1.11 or later"), "{all}");
    assert!(all.contains("put these keys in `settings`"), "{all}");
    assert!(all.contains("settings_wo = jsonencode"), "the error points at the attribute: {all}");
    assert!(!all.contains("invalid plan") && !all.contains("This is a bug in the provider"), "{all}");
    // (Terraform itself quotes the configuration line; the diagnostic's own text names no value.)
    let detail = all.split("Error: settings_wo needs").nth(1).unwrap_or_default();
    assert_eq!(detail.matches("amp-wo-0001").count(), 1, "only Terraform's quote of the line: {all}");
}

/// `segsync-export --terraform-version 1.6` writes what Terraform 1.6 understands: secrets go
/// into `settings` through `sensitive` variables, each key left out while its variable is unset,
/// and `required_version` says so. On the Terraform under test the export plans as imports only
/// with no variable set, converges, and setting a variable plans an in-place update of that
/// object alone; the secret never reaches git, and reaches state only once it is set.
#[test]
fn an_export_for_terraform_1_6_imports_without_secrets_and_takes_them_through_settings() {
    let b = Backend::start();
    let (_src, dest) = workspace_with_a_secret(&b);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = e2e::gitserver::bare_repo(tmp.path(), "ws.git").display().to_string();
    let out =
        crate::export::exporter(&b, &repo, &tmp.path().join("work"), &["--once", "--terraform-version", "1.6"]).output().expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = checkout(&repo, &tmp.path().join("co"));
    let providers = std::fs::read_to_string(co.join("providers.tf")).expect("providers.tf");
    assert!(providers.contains("required_version = \">= 1.6\""), "{providers}");
    let dest_file = std::fs::read_to_string(co.join(format!("destination_{}.tf", dest.id))).expect("destination file");
    assert!(!dest_file.contains("settings_wo ="), "{dest_file}");
    let var = segsync_export::snapshot::secret_variable("segment_destination", &dest.id, "apiKey");
    assert!(dest_file.contains(&format!("nonsensitive(var.{var} == null) ? {{}} : {{ apiKey = var.{var} }}")), "{dest_file}");
    let everything = Command::new("git").args(["-C"]).arg(&co).args(["log", "-p", "--all"]).output().expect("git log");
    assert!(!String::from_utf8_lossy(&everything.stdout).contains("amp-secret-0001"), "a secret reached git");

    let mut w = terraform_over(&b, &co);
    w.ok(&["init", "-no-color", "-input=false"]);
    let r = w.ok(&["plan", "-no-color"]);
    assert!(r.stdout.contains("2 to import, 0 to add, 0 to change, 0 to destroy"), "{}", r.all());
    assert!(!r.all().contains("Warning"), "no warning noise: {}", r.all());
    w.apply();
    w.assert_plan_empty();
    assert!(!w.state_file().contains("amp-secret-0001"), "no secret in state while its variable is unset");

    // Setting the variable: an in-place update of that destination, nothing else.
    w.set_env(&format!("TF_VAR_{var}"), "amp-rotated-0002");
    let plan = w.plan_json(&[]);
    let actions: Vec<(String, Vec<String>)> = planned_actions(&plan).into_iter().filter(|(_, a)| a != &["no-op".to_string()]).collect();
    let address = format!("segment_destination.{}", segsync_export::layout::label(&dest.id));
    assert_eq!(actions, vec![(address, vec!["update".to_string()])]);
    w.apply();
    w.assert_plan_empty();
    let sent = b.block(b.client.get_destination(&dest.id)).expect("destination");
    assert!(sent.settings.get("useLogRevenueV2").is_some(), "other settings kept: {:?}", sent.settings);
    let stored = b
        .block(async {
            let mut tx = b.state.db.read().await.expect("tx");
            tx.get::<segsync_server::ops::destinations::DestinationRec>(segsync_server::store::kind::DESTINATION, &dest.id)
                .await
                .expect("get")
        })
        .expect("stored");
    assert_eq!(stored.settings.get("apiKey"), Some(&serde_json::json!("amp-rotated-0002")), "the secret reached the API");
}
