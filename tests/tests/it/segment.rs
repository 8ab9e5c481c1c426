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
        replace: Some(update.replace(
            &format!("metadata = {{ id = \"{stripe}\" }}"),
            &format!("metadata = {{ id = \"{}\" }}", b.source_metadata_id("zendesk")),
        )),
        import_id: Box::new(|v| v["id"].as_str().unwrap_or_default().to_string()),
        ignore_on_import: vec![],
        gone: Box::new(|v| b.block(b.client.get_source(v["id"].as_str().unwrap_or_default())).err().is_some_and(|e| e.is_not_found())),
        drift: None,
        remote_delete: None,
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

#[test]
fn data_sources_look_up_by_id_name_slug_and_email() {
    let b = Backend::with_extensions();
    b.block(b.client.create_invites(vec![Invite { email: "ada@example.com".into(), permissions: None }])).expect("invite");
    b.block(b.client.accept_invite("ada@example.com")).expect("accept");
    let w = b.workdir();
    let js = b.source_metadata_id("javascript");
    let hooks = b.destination_metadata_id("webhooks");
    let pg = b.warehouse_metadata_id("postgres");
    w.write(
        "main.tf",
        &cfg(&format!(
            r#"
resource "segment_source" "s" {{
  slug     = "web"
  name     = "Web"
  enabled  = true
  metadata = {{ id = "{js}" }}
  settings = jsonencode({{}})
}}
resource "segment_destination" "d" {{
  name      = "Hooks"
  enabled   = true
  source_id = segment_source.s.id
  metadata  = {{ id = "{hooks}" }}
  settings  = jsonencode({{ sharedSecret = "hook-secret-1" }})
}}
resource "segment_warehouse" "w" {{
  name     = "Lake"
  metadata = {{ id = "{pg}" }}
  settings = jsonencode({{ hostname = "db" }})
}}
resource "segment_tracking_plan" "p" {{
  name  = "Plan"
  type  = "LIVE"
  rules = [{{ type = "TRACK", key = "Signed Up", version = 1, json_schema = jsonencode({{}}) }}]
}}
data "segment_workspace" "ws" {{}}
data "segment_source" "by_slug" {{ slug = segment_source.s.slug }}
data "segment_source" "by_id" {{ id = segment_source.s.id }}
data "segment_destination" "d" {{ name = segment_destination.d.name }}
data "segment_warehouse" "w" {{ name = segment_warehouse.w.name }}
data "segment_tracking_plan" "p" {{ name = segment_tracking_plan.p.name }}
data "segment_source_metadata" "m" {{ slug = "javascript" }}
data "segment_destination_metadata" "m" {{ name = "Webhooks" }}
data "segment_warehouse_metadata" "m" {{ id = "{pg}" }}
data "segment_role" "owner" {{ name = "Workspace Owner" }}
data "segment_user" "ada" {{ email = "ada@example.com" }}
output "all" {{
  value = {{
    ws          = data.segment_workspace.ws.slug
    source      = data.segment_source.by_slug.id == segment_source.s.id && data.segment_source.by_id.slug == "web"
    dest        = data.segment_destination.d.id == segment_destination.d.id
    wh          = data.segment_warehouse.w.id == segment_warehouse.w.id
    plan_rules  = length(data.segment_tracking_plan.p.rules)
    source_meta = data.segment_source_metadata.m.id
    dest_meta   = data.segment_destination_metadata.m.slug
    wh_meta     = data.segment_warehouse_metadata.m.name
    role        = data.segment_role.owner.description != ""
    user        = data.segment_user.ada.name
  }}
}}
"#
        )),
    );
    w.apply();
    w.assert_plan_empty();
    let out: serde_json::Value = serde_json::from_str(&w.ok(&["output", "-json", "all"]).stdout).expect("output");
    assert_eq!(out["ws"], "segsync");
    for k in ["source", "dest", "wh", "role"] {
        assert_eq!(out[k], true, "{k}: {out}");
    }
    assert_eq!(out["plan_rules"], 1);
    assert_eq!(out["source_meta"], js.as_str());
    assert_eq!(out["dest_meta"], "webhooks");
    assert_eq!(out["wh_meta"], "Postgres");
    assert_eq!(out["user"], "Ada");

    // Zero or several matches are clear errors.
    let w2 = b.workdir();
    w2.write("main.tf", &cfg("data \"segment_source\" \"x\" {\n  slug = \"nope\"\n}\n"));
    let r = w2.run(&["plan", "-no-color"]);
    assert!(r.code != 0 && r.all().contains("No Matching Source"), "{}", r.all());
    let s_id = w.resource("segment_source.s")["id"].as_str().expect("id").to_string();
    b.block(b.client.create_destination(&CreateDestinationInput {
        source_id: s_id,
        metadata_id: hooks.clone(),
        name: Some("Hooks".into()),
        settings: Settings::new(),
        ..Default::default()
    }))
    .expect("dup");
    w2.write("main.tf", &cfg("data \"segment_destination\" \"x\" {\n  name = \"Hooks\"\n}\n"));
    let r = w2.run(&["plan", "-no-color"]);
    assert!(r.code != 0 && r.all().contains("Several Matching Destinations"), "{}", r.all());
}

/// Every object of a seeded workspace, written in Segment Git Sync's style (an `import` block
/// and a `resource` block per file, `= null` for unset values, `jsonencode` settings, literal
/// ids), plans as imports only and applies to an empty plan.
#[test]
fn git_sync_style_configuration_of_every_type_imports_cleanly() {
    let b = Backend::start();
    b.seed(80, 5);
    let w = b.workdir();
    w.write("providers.tf", SEGMENT);
    let spaces = b.state.catalog.spaces.clone();
    let mut total = 0;
    for t in segment_provider::inventory::types() {
        let items = b.block(segment_provider::inventory::list(&b.client, t, &spaces)).expect("inventory");
        assert!(!items.is_empty(), "the seeded workspace has no {t}");
        let schema = segment_provider_schema(t);
        for it in &items {
            let parts: Vec<&str> = it.import_id.split(':').collect();
            let label = segsync_export::render::label(&parts);
            let text = segsync_export::render::resource_file(
                "",
                t,
                &label,
                &it.import_id,
                &schema,
                &it.state,
                &|_, _, _| None,
                &Default::default(),
            );
            w.write(&format!("{}_{}.tf", t.trim_start_matches("segment_"), label), &text);
            total += 1;
        }
    }
    let fmt = w.run(&["fmt", "-check", "-diff", "-no-color"]);
    assert_eq!(fmt.code, 0, "files are not terraform fmt clean:\n{}", fmt.all());
    let r = w.ok(&["plan", "-no-color"]);
    let want = format!("{total} to import, 0 to add, 0 to change, 0 to destroy");
    assert!(
        r.stdout.contains(&want),
        "expected {want:?}:\n{}",
        r.stdout
            .lines()
            .filter(|l| l.contains('~') || l.contains("->") || l.contains("Plan:") || l.contains("Error"))
            .take(60)
            .collect::<Vec<_>>()
            .join("\n")
    );
    w.apply();
    w.assert_plan_empty();
}

fn segment_provider_schema(t: &str) -> tfplugin::Block {
    use tfplugin::Provider;
    let p = segment_provider::SegmentProvider::default();
    p.resources().into_iter().find(|r| r.type_name() == t).map(|r| r.schema().block).expect("resource type")
}

#[test]
fn terraform_query_lists_every_resource_type() {
    let b = Backend::start();
    b.seed(80, 9);
    let w = b.workdir();
    w.write("providers.tf", SEGMENT);
    let mut q = String::new();
    for t in segment_provider::inventory::types() {
        if t == "segment_profiles_warehouse" {
            q.push_str(&format!(
                "list \"{t}\" \"all\" {{\n  provider = segment\n  config {{\n    space_id = \"{}\"\n  }}\n}}\n",
                b.state.catalog.spaces[0]
            ));
        } else {
            q.push_str(&format!("list \"{t}\" \"all\" {{\n  provider = segment\n}}\n"));
        }
    }
    w.write("all.tfquery.hcl", &q);
    let r = w.ok(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    let generated = w.read("generated.tf");
    for t in segment_provider::inventory::types() {
        assert!(r.stdout.contains(&format!("list.{t}.all")), "{t} missing from query output:\n{}", r.stdout);
        assert!(generated.contains(&format!("resource \"{t}\"")), "no generated config for {t}");
    }
    let sources = b.block(b.client.list_sources()).expect("sources");
    assert!(sources.iter().all(|s| r.stdout.contains(&s.slug)), "every source is listed by slug");
}
