//! `tfplugin` proven by a real Terraform through the test-only provider `testp`.

use std::path::PathBuf;

use e2e::{planned_actions, ProviderBin, Workdir};

fn testp() -> ProviderBin {
    ProviderBin { source: "segsync/testp".into(), binary: PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-testp")) }
}

fn workdir() -> Workdir {
    let mut w = Workdir::dev(&[testp()]);
    let store = w.path().join("store.json").display().to_string();
    w.set_env("TESTP_STORE", &store);
    w
}

fn store(w: &Workdir) -> serde_json::Value {
    serde_json::from_str(&w.read("store.json")).unwrap_or(serde_json::Value::Null)
}

const PROVIDER: &str = r#"
terraform {
  required_providers {
    testp = { source = "segsync/testp" }
  }
}
provider "testp" {}
"#;

fn config(body: &str) -> String {
    format!("{PROVIDER}\n{body}")
}

#[test]
fn create_update_replace_unknowns_nested_and_secrets() {
    let w = workdir();
    w.write(
        "main.tf",
        &config(
            r#"
resource "testp_thing" "a" {
  name          = "alpha"
  size          = 3
  kind          = "box"
  settings      = jsonencode({ b = 1, a = [1, 2] })
  password      = "hunter2-sensitive"
  token         = "wo-token-7f3a9c"
  token_version = 1
  single        = { a = "one" }
  items         = [{ key = "k1", value = "v1" }, { key = "k2" }]
  tags          = [{ name = "red" }, { name = "blue" }]
  labels        = { env = { value = "prod" } }
  extra         = { nested = ["x", 1, true] }
}

resource "testp_link" "l" {
  thing_id = testp_thing.a.id
  note     = "follows ${testp_thing.a.name}"
}
"#,
        ),
    );
    let r = w.apply();
    assert!(r.stdout.contains("2 added, 0 changed, 0 destroyed"), "{}", r.stdout);
    w.assert_plan_empty();

    let thing = w.resource("testp_thing.a");
    let link = w.resource("testp_link.l");
    assert_eq!(link["thing_id"], thing["id"], "an unknown id flowed from one resource into another");
    assert_eq!(link["thing_serial"], "r1");
    assert_eq!(thing["single"]["b"], 1, "a computed nested value came back");
    let tag_ids: Vec<String> =
        thing["tags"].as_array().expect("tags").iter().map(|t| t["tag_id"].as_str().unwrap_or_default().to_string()).collect();
    assert!(tag_ids.contains(&"tag-red".to_string()) && tag_ids.contains(&"tag-blue".to_string()), "{tag_ids:?}");
    assert_eq!(thing["labels"]["env"]["value"], "prod");
    assert_eq!(thing["items"][1]["value"], serde_json::Value::Null);
    assert_eq!(thing["token"], serde_json::Value::Null, "write-only values are null in state");

    // The write-only token reached the provider but is nowhere in Terraform's files.
    let id = thing["id"].as_str().expect("id").to_string();
    assert_eq!(store(&w)["tokens"][&id], "wo-token-7f3a9c");
    assert!(!w.state_file().contains("wo-token-7f3a9c"), "the write-only value is in the state file");
    let sensitive_out = w.ok(&["plan", "-no-color"]).all();
    assert!(!sensitive_out.contains("hunter2-sensitive"), "a sensitive value was printed");

    // Update in place: same id, new serial (computed value planned unknown).
    w.write("main.tf", &w.read("main.tf").replace("size          = 3", "size          = 4"));
    let plan = w.plan_json(&[]);
    assert!(planned_actions(&plan).contains(&("testp_thing.a".to_string(), vec!["update".to_string()])), "{:?}", planned_actions(&plan));
    w.apply();
    w.assert_plan_empty();
    let updated = w.resource("testp_thing.a");
    assert_eq!(updated["id"], thing["id"], "id is kept on update");
    assert_eq!(updated["serial"], "r2");
    assert_eq!(updated["size"], 4);

    // Semantically equal JSON is not a change.
    w.write("main.tf", &w.read("main.tf").replace("jsonencode({ b = 1, a = [1, 2] })", "\"{\\\"a\\\": [1, 2], \\\"b\\\": 1}\""));
    let plan = w.plan_json(&[]);
    let actions = planned_actions(&plan);
    assert!(actions.iter().all(|(_, a)| a == &vec!["no-op".to_string()] || a.contains(&"update".to_string())), "{actions:?}");

    // A requires-replace attribute plans delete+create, and the link follows the new id.
    w.write("main.tf", &w.read("main.tf").replace("kind          = \"box\"", "kind          = \"crate\""));
    let plan = w.plan_json(&[]);
    let actions = planned_actions(&plan);
    assert!(actions.contains(&("testp_thing.a".to_string(), vec!["delete".to_string(), "create".to_string()])), "{actions:?}");
    w.apply();
    w.assert_plan_empty();
    let replaced = w.resource("testp_thing.a");
    assert_ne!(replaced["id"], thing["id"]);
    assert_eq!(w.resource("testp_link.l")["thing_id"], replaced["id"]);

    w.destroy();
    let s = store(&w);
    assert!(s["things"].as_object().is_none_or(|m| m.is_empty()), "destroy left things: {s}");
    assert!(s["links"].as_object().is_none_or(|m| m.is_empty()), "destroy left links: {s}");
}

const THING: &str = r#"
resource "testp_thing" "a" {
  name   = "alpha"
  kind   = "box"
  size   = 2
  single = { a = "one" }
  tags   = [{ name = "red" }]
}
"#;

#[test]
fn import_by_block_with_generated_config_and_by_cli() {
    let w = workdir();
    w.write("main.tf", &config(THING));
    w.apply();
    let created = w.resource("testp_thing.a");
    let id = created["id"].as_str().expect("id").to_string();

    // CLI import into a fresh state gives the same values.
    std::fs::remove_file(w.path().join("terraform.tfstate")).expect("drop state");
    let r = w.ok(&["import", "-no-color", "testp_thing.a", &id]);
    assert!(r.stdout.contains("Import successful"), "{}", r.stdout);
    assert_eq!(w.resource("testp_thing.a"), created, "imported state equals created state");
    w.assert_plan_empty();

    // Import block + generated configuration: a clean import plan.
    std::fs::remove_file(w.path().join("terraform.tfstate")).expect("drop state");
    w.write("main.tf", &config(&format!("import {{\n  to = testp_thing.g\n  id = \"{id}\"\n}}\n")));
    let r = w.ok(&["plan", "-no-color", "-generate-config-out=generated.tf"]);
    assert!(r.stdout.contains("1 to import, 0 to add, 0 to change, 0 to destroy"), "{}", r.stdout);
    let generated = w.read("generated.tf");
    assert!(
        generated.contains("resource \"testp_thing\" \"g\"") && generated.contains("name") && !generated.contains("serial"),
        "{generated}"
    );
    w.apply();
    w.assert_plan_empty();
    assert_eq!(w.resource("testp_thing.g")["id"], id.as_str());

    // A malformed import id is a clear error naming the expected form.
    w.write("bad.tf", "resource \"testp_thing\" \"bad\" {\n  name = \"b\"\n  kind = \"k\"\n}\n");
    let r = w.run(&["import", "-no-color", "testp_thing.bad", "not an id"]);
    assert_ne!(r.code, 0);
    assert!(r.all().contains("Expected a thing id"), "{}", r.all());
}

#[test]
fn query_lists_and_generates_config() {
    let w = workdir();
    w.write("main.tf", &config("resource \"testp_thing\" \"a\" {\n  name = \"q-one\"\n  kind = \"k\"\n}\nresource \"testp_thing\" \"b\" {\n  name = \"q-two\"\n  kind = \"k\"\n}\nresource \"testp_thing\" \"c\" {\n  name = \"other\"\n  kind = \"k\"\n}\n"));
    w.apply();
    w.write("things.tfquery.hcl", "list \"testp_thing\" \"q\" {\n  provider = testp\n  config {\n    name_prefix = \"q-\"\n  }\n}\n");
    let r = w.ok(&["query", "-no-color"]);
    assert!(r.stdout.contains("q-one") && r.stdout.contains("q-two") && !r.stdout.contains("other"), "{}", r.stdout);
    let r = w.ok(&["query", "-no-color", "-generate-config-out=queried.tf"]);
    let generated = w.read("queried.tf");
    assert_eq!(generated.matches("resource \"testp_thing\"").count(), 2, "{}\n{generated}", r.stdout);
    assert_eq!(generated.matches("import {").count(), 2, "{generated}");
}

#[test]
fn state_written_by_an_older_schema_is_upgraded() {
    let mut w = workdir();
    w.set_env("TESTP_SCHEMA_V0", "1");
    w.write("main.tf", &config("resource \"testp_thing\" \"a\" {\n  title = \"old\"\n  kind  = \"k\"\n}\n"));
    w.apply();
    assert!(w.state_file().contains("\"schema_version\": 0"), "{}", w.state_file());
    w.set_env("TESTP_SCHEMA_V0", "0");
    w.write("main.tf", &config("resource \"testp_thing\" \"a\" {\n  name = \"old\"\n  kind = \"k\"\n}\n"));
    w.assert_plan_empty();
    w.apply();
    assert!(w.state_file().contains("\"schema_version\": 1"), "{}", w.state_file());
    assert_eq!(w.resource("testp_thing.a")["name"], "old");
}

#[test]
fn drift_and_remote_deletion_are_detected() {
    let w = workdir();
    w.write("main.tf", &config(THING));
    w.apply();
    let id = w.resource("testp_thing.a")["id"].as_str().expect("id").to_string();
    let mut s = store(&w);
    s["things"][&id]["size"] = serde_json::json!(99);
    std::fs::write(w.path().join("store.json"), s.to_string()).expect("write store");
    let plan = w.plan_json(&[]);
    assert!(planned_actions(&plan).contains(&("testp_thing.a".to_string(), vec!["update".to_string()])), "drift plans an update");
    w.apply();
    w.assert_plan_empty();

    let mut s = store(&w);
    s["things"].as_object_mut().expect("things").remove(&id);
    std::fs::write(w.path().join("store.json"), s.to_string()).expect("write store");
    let plan = w.plan_json(&[]);
    assert!(planned_actions(&plan).contains(&("testp_thing.a".to_string(), vec!["create".to_string()])), "a remote delete plans a create");
}

#[test]
fn data_source_reads_by_id() {
    let w = workdir();
    w.write("main.tf", &config(&format!("{THING}\ndata \"testp_thing\" \"d\" {{\n  id = testp_thing.a.id\n}}\noutput \"n\" {{\n  value = data.testp_thing.d.name\n}}\noutput \"tag\" {{\n  value = one(data.testp_thing.d.tags).tag_id\n}}\n")));
    w.apply();
    let out = w.ok(&["output", "-json"]).stdout;
    let out: serde_json::Value = serde_json::from_str(&out).expect("outputs");
    assert_eq!(out["n"]["value"], "alpha");
    assert_eq!(out["tag"]["value"], "tag-red");
}

#[test]
fn invalid_values_get_diagnostics_with_paths() {
    let w = workdir();
    w.write(
        "main.tf",
        &config("resource \"testp_thing\" \"a\" {\n  name     = \"x\"\n  kind     = \"forbidden\"\n  settings = \"{not json\"\n  items    = [for i in range(6) : { key = \"k${i}\" }]\n}\n"),
    );
    let r = w.run(&["validate", "-no-color"]);
    assert_ne!(r.code, 0);
    let out = r.all();
    for expected in ["Invalid Kind", "Invalid JSON", "Too Many Items", "at most 5"] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(out.contains("testp_thing.a") && out.contains("kind"), "diagnostics point at the attribute:\n{out}");
}

#[test]
fn a_panic_in_a_handler_is_an_error_diagnostic() {
    let w = workdir();
    w.write("main.tf", &config("resource \"testp_thing\" \"a\" {\n  name = \"panic!\"\n  kind = \"k\"\n}\n"));
    let r = w.run(&["apply", "-auto-approve", "-no-color"]);
    assert_ne!(r.code, 0);
    let out = r.all();
    assert!(out.contains("Provider Internal Error"), "{out}");
    for leak in ["panicked at", "stack backtrace", "RUST_BACKTRACE", "plugin exited", "unexpected EOF"] {
        assert!(!out.contains(leak), "{leak:?} shown to the user:\n{out}");
    }
    // The provider kept serving: the next command works.
    w.write("main.tf", &config("resource \"testp_thing\" \"a\" {\n  name = \"fine\"\n  kind = \"k\"\n}\n"));
    w.apply();
}

fn provider_command() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_terraform-provider-testp"));
    c.env_remove("TF_PLUGIN_MAGIC_COOKIE").env_remove("PLUGIN_CLIENT_CERT");
    c
}

#[test]
fn run_by_hand_without_the_cookie_it_explains_and_exits_1() {
    for cookie in [None, Some("wrong")] {
        let mut c = provider_command();
        if let Some(v) = cookie {
            c.env("TF_PLUGIN_MAGIC_COOKIE", v);
        }
        let out = c.output().expect("run provider");
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty(), "nothing on stdout");
        assert!(String::from_utf8_lossy(&out.stderr).contains("This binary is a plugin"), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Starts the provider as Terraform would and reads its handshake line.
fn handshake(client_cert: Option<&str>) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut c = provider_command();
    c.env("TF_PLUGIN_MAGIC_COOKIE", tfplugin::handshake::MAGIC_COOKIE_VALUE).env("PLUGIN_PROTOCOL_VERSIONS", "5,6");
    if let Some(pem) = client_cert {
        c.env("PLUGIN_CLIENT_CERT", pem);
    }
    let mut child = c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().expect("spawn");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("handshake line");
    (child, line)
}

#[test]
fn handshake_line_with_and_without_automtls() {
    let (mut plain, line) = handshake(None);
    let parts: Vec<&str> = line.trim_end().split('|').collect();
    assert_eq!(&parts[..3], &["1", "6", "unix"], "{line}");
    assert_eq!(parts[4], "grpc");
    assert!(parts[5].is_empty(), "no certificate without AutoMTLS: {line}");
    assert!(std::path::Path::new(parts[3]).exists(), "the unix socket exists");
    let _ = plain.kill();

    let client = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("client cert");
    let (mut tls, line) = handshake(Some(&client.cert.pem()));
    let parts: Vec<&str> = line.trim_end().split('|').collect();
    use base64::Engine as _;
    let der = base64::engine::general_purpose::STANDARD_NO_PAD.decode(parts[5]).expect("base64 DER without padding");
    assert!(der.len() > 100 && der[0] == 0x30, "a DER certificate");
    let _ = tls.kill();
}

#[test]
fn terraform_works_without_automtls_too() {
    let mut w = workdir();
    w.set_env("TF_DISABLE_PLUGIN_TLS", "1");
    w.write("main.tf", &config(THING));
    w.apply();
    w.assert_plan_empty();
    w.destroy();
}

#[test]
fn installed_from_a_filesystem_mirror_with_a_lock_file() {
    let mut w = Workdir::mirror(&[testp()], "0.1.0");
    let store = w.path().join("store.json").display().to_string();
    w.set_env("TESTP_STORE", &store);
    w.write("main.tf", &config(THING).replace("source = \"segsync/testp\"", "source = \"segsync/testp\"\n      version = \"0.1.0\""));
    let r = w.ok(&["init", "-no-color", "-input=false"]);
    assert!(r.stdout.contains("Installed segsync/testp v0.1.0"), "{}", r.stdout);
    let lock = w.read(".terraform.lock.hcl");
    assert!(lock.contains("registry.terraform.io/segsync/testp") && lock.contains("h1:"), "{lock}");
    w.apply();
    w.assert_plan_empty();
    w.destroy();
}

#[test]
fn reattach_to_a_provider_started_with_debug() {
    use std::io::BufRead;
    let mut w = workdir();
    let store = w.path().join("store.json").display().to_string();
    let mut child = provider_command()
        .arg("--debug")
        .env("TESTP_STORE", &store)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn --debug");
    let mut reader = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut reattach = String::new();
    for _ in 0..10 {
        let mut line = String::new();
        reader.read_line(&mut line).expect("line");
        if let Some(v) = line.trim().strip_prefix("TF_REATTACH_PROVIDERS='") {
            reattach = v.trim_end_matches('\'').to_string();
            break;
        }
    }
    assert!(reattach.contains("registry.terraform.io/segsync/testp"), "{reattach}");
    w.set_env("TF_REATTACH_PROVIDERS", &reattach);
    w.write("main.tf", &config(THING));
    // Several commands against the same running provider.
    let mut cmd = w.command(&["apply", "-auto-approve", "-no-color"]);
    cmd.env("TF_REATTACH_PROVIDERS", &reattach);
    let out = cmd.output().expect("apply");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let mut cmd = w.command(&["plan", "-detailed-exitcode", "-no-color"]);
    cmd.env("TF_REATTACH_PROVIDERS", &reattach);
    let out = cmd.output().expect("plan");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(child.try_wait().expect("wait").is_none(), "the debug provider keeps running across commands");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn ctrl_c_during_apply_stops_the_operation() {
    let w = workdir();
    w.write("main.tf", &config("resource \"testp_thing\" \"a\" {\n  name = \"slow-one\"\n  kind = \"k\"\n}\n"));
    let child = w
        .command(&["apply", "-auto-approve", "-no-color"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("apply");
    let started = std::time::Instant::now();
    while store(&w)["in_progress"].is_null() {
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "the slow create never started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let interrupted = std::time::Instant::now();
    let ok = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill").success();
    assert!(ok);
    let out = child.wait_with_output().expect("wait");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        interrupted.elapsed() < std::time::Duration::from_secs(20),
        "apply kept running for {:?} after Ctrl-C:\n{text}",
        interrupted.elapsed()
    );
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("Operation Cancelled"), "the provider reported the cancelled create:\n{text}");
    assert!(store(&w)["things"].as_object().is_none_or(|m| m.is_empty()), "nothing was created");
}

#[test]
fn acceptance_steps_for_testp_thing() {
    let w = workdir();
    let create = config(
        "resource \"testp_thing\" \"acc\" {\n  name     = \"acc\"\n  kind     = \"k\"\n  settings = jsonencode({ z = 1, a = { b = [true] } })\n  items    = [{ key = \"a\", value = \"1\" }]\n  labels   = { x = { value = \"y\" } }\n}\n",
    );
    let update = create.replace("name     = \"acc\"", "name     = \"acc-2\"");
    e2e::Acceptance {
        workdir: &w,
        address: "testp_thing.acc",
        create,
        update: Some(update.clone()),
        replace: Some(update.replace("kind     = \"k\"", "kind     = \"other\"")),
        import_id: Box::new(|v| v["id"].as_str().unwrap_or_default().to_string()),
        ignore_on_import: vec![],
        gone: Box::new(|v| {
            let id = v["id"].as_str().unwrap_or_default().to_string();
            store(&w)["things"].get(&id).is_none()
        }),
        drift: Some(Box::new(|v| {
            let mut s = store(&w);
            s["things"][v["id"].as_str().unwrap_or_default()]["size"] = serde_json::json!(42);
            std::fs::write(w.path().join("store.json"), s.to_string()).expect("write store");
        })),
        remote_delete: Some(Box::new(|v| {
            let mut s = store(&w);
            s["things"].as_object_mut().expect("things").remove(v["id"].as_str().unwrap_or_default());
            std::fs::write(w.path().join("store.json"), s.to_string()).expect("write store");
        })),
    }
    .run();
}

#[test]
fn import_by_identity_block() {
    let w = workdir();
    w.write("main.tf", &config(THING));
    w.apply();
    let id = w.resource("testp_thing.a")["id"].as_str().expect("id").to_string();
    w.ok(&["state", "rm", "-no-color", "testp_thing.a"]);
    w.write("import.tf", &format!("import {{\n  to       = testp_thing.a\n  identity = {{ id = \"{id}\" }}\n}}\n"));
    let r = w.ok(&["plan", "-no-color"]);
    assert!(r.stdout.contains("1 to import, 0 to add, 0 to change, 0 to destroy"), "{}", r.stdout);
    w.apply();
    assert_eq!(w.resource("testp_thing.a")["id"], id.as_str());
}

#[test]
fn provider_logs_reach_terraform_as_structured_lines() {
    let mut w = workdir();
    w.set_env("TF_LOG", "debug");
    w.write("main.tf", &config(THING));
    let mut cmd = w.command(&["plan", "-no-color"]);
    cmd.env("TF_LOG", "debug");
    let out = cmd.output().expect("plan");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("provider.terraform-provider-testp") && l.contains("configured"))
        .unwrap_or_else(|| panic!("no provider log line in:\n{err}"));
    assert!(line.contains("[INFO]") && line.contains("@module=provider.testp"), "Terraform parsed the JSON log line: {line}");
    assert!(!err.contains("\"@message\""), "raw JSON was not parsed by Terraform");
    // Terraform's controller Shutdown made the plugin exit on its own, inside go-plugin's 2 s.
    assert!(err.contains("plugin exited"), "no clean plugin exit in the log");
    assert!(!err.contains("failed to exit gracefully"), "the plugin had to be killed");
}
