//! The provider under faults, at scale, and when a multi-step create fails halfway.

use e2e::{Backend, SEGMENT};
use segsync_api::types::*;

fn cfg(body: &str) -> String {
    format!("{SEGMENT}\n{body}")
}

#[test]
fn parallel_apply_of_200_resources_under_injected_faults_makes_no_duplicates() {
    let faults = "429=0.05,503=0.05,503-after=0.05".parse().expect("faults");
    let b = Backend::start_with(segsync_server::Config { faults, ..Default::default() });
    let w = b.workdir();
    w.write(
        "main.tf",
        &cfg("resource \"segment_tracking_plan\" \"p\" {\n  count = 200\n  name  = \"plan-${count.index}\"\n  type  = \"LIVE\"\n  rules = [{ type = \"TRACK\", key = \"E${count.index}\", version = 1, json_schema = jsonencode({ type = \"object\" }) }]\n}\n"),
    );
    let r = w.ok(&["apply", "-auto-approve", "-no-color", "-parallelism=10"]);
    assert!(r.stdout.contains("200 added, 0 changed, 0 destroyed"), "{}", r.stdout.lines().rev().take(5).collect::<Vec<_>>().join("\n"));
    let plans = b.block(b.client.list_tracking_plans()).expect("plans");
    assert_eq!(plans.len(), 200, "exactly one plan per resource, no duplicates");
    let mut names: Vec<String> = plans.iter().filter_map(|p| p.name.clone()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 200);
    w.assert_plan_empty();
    w.ok(&["destroy", "-auto-approve", "-no-color", "-parallelism=10"]);
    assert!(b.block(b.client.list_tracking_plans()).expect("plans").is_empty());
}

#[test]
fn a_failed_multi_step_create_leaves_no_orphan() {
    let b = Backend::start();
    let roles = b.block(b.client.list_roles()).expect("roles");
    let w = b.workdir();
    // The group is created, then its members are refused: the group must not stay behind.
    w.write("main.tf", &cfg(&format!("resource \"segment_user_group\" \"g\" {{\n  name        = \"Broken\"\n  members     = [\"not-an-email\"]\n  permissions = [{{ role_id = \"{}\" }}]\n}}\n", roles[0].id)));
    let r = w.run(&["apply", "-auto-approve", "-no-color"]);
    assert_ne!(r.code, 0);
    assert!(r.all().contains("set the group's members") && r.all().contains("emails[0]"), "{}", r.all());
    assert!(b.block(b.client.list_user_groups()).expect("groups").is_empty(), "the half-made group was removed");
    assert!(!w.state_file().contains("segment_user_group"), "nothing was recorded in state");
    // Fixed, the same configuration applies cleanly: no duplicate.
    w.write("main.tf", &w.read("main.tf").replace("not-an-email", "ok@example.com"));
    w.apply();
    w.assert_plan_empty();
    assert_eq!(b.block(b.client.list_user_groups()).expect("groups").len(), 1);
}

#[test]
fn users_and_groups_are_found_beyond_the_first_page() {
    let b = Backend::with_extensions();
    let emails: Vec<String> = (0..230).map(|i| format!("user{i:03}@example.com")).collect();
    for chunk in emails.chunks(100) {
        b.block(b.client.create_invites(chunk.iter().map(|e| Invite { email: e.clone(), permissions: None }).collect())).expect("invites");
    }
    for e in &emails {
        b.block(b.client.accept_invite(e)).expect("accept");
    }
    let last = b.block(b.client.list_users()).expect("users").into_iter().find(|u| u.email == "user229@example.com").expect("last user");
    let roles = b.block(b.client.list_roles()).expect("roles");
    let w = b.workdir();
    w.write(
        "main.tf",
        &cfg(&format!(
            "data \"segment_user\" \"last\" {{\n  email = \"user229@example.com\"\n}}\nresource \"segment_user_group\" \"g\" {{\n  name        = \"Late\"\n  members     = [\"user229@example.com\", \"user228@example.com\"]\n  permissions = [{{ role_id = \"{}\" }}]\n}}\noutput \"id\" {{\n  value = data.segment_user.last.id\n}}\n",
            roles[0].id
        )),
    );
    w.apply();
    w.assert_plan_empty();
    let out = w.ok(&["output", "-raw", "id"]).stdout;
    assert_eq!(out.trim(), last.id);
    // The user resource reads the last page too.
    w.write("user.tf", &format!("import {{\n  to = segment_user.u\n  id = \"{}\"\n}}\nresource \"segment_user\" \"u\" {{\n  email       = \"user229@example.com\"\n  permissions = []\n}}\n", last.id));
    let r = w.ok(&["plan", "-no-color"]);
    assert!(r.stdout.contains("1 to import, 0 to add, 0 to change"), "{}", r.stdout);
}

/// The provider and the exporter under Segment's rate limits (`--rate-limit segment`: about 10
/// requests a second, 5 subscription writes and 60 label writes a minute): every call waits as
/// told and succeeds, nothing is lost or made twice. Small on purpose: the limits make it slow.
#[test]
fn provider_and_exporter_work_under_segments_rate_limits() {
    let b = Backend::start_with(segsync_server::Config { rate_limit: Some("segment".parse().expect("preset")), ..Default::default() });
    let meta = b.source_metadata_id("javascript");
    let w = b.workdir();
    let mut body = format!(
        "resource \"segment_source\" \"s\" {{\n  slug     = \"limited\"\n  enabled  = true\n  metadata = {{ id = \"{meta}\" }}\n  settings = jsonencode({{}})\n}}\n"
    );
    for i in 0..12 {
        body.push_str(&format!("resource \"segment_label\" \"l{i}\" {{\n  key   = \"team\"\n  value = \"t{i}\"\n}}\n"));
    }
    body.push_str("resource \"segment_tracking_plan\" \"p\" {\n  name  = \"limited\"\n  type  = \"LIVE\"\n  rules = [{ type = \"TRACK\", key = \"E\", version = 1, json_schema = jsonencode({ type = \"object\" }) }]\n}\n");
    w.write("main.tf", &cfg(&body));
    let started = std::time::Instant::now();
    let r = w.ok(&["apply", "-auto-approve", "-no-color", "-parallelism=10"]);
    assert!(r.stdout.contains("14 added, 0 changed, 0 destroyed"), "{}", r.stdout);
    w.assert_plan_empty();
    assert_eq!(b.block(b.client.list_labels()).expect("labels").len(), 12, "one label per resource");
    eprintln!("apply of 14 objects under --rate-limit segment: {:?}", started.elapsed());

    let tmp = tempfile::tempdir().expect("tmp");
    let repo = e2e::gitserver::bare_repo(tmp.path(), "ws.git");
    let out = crate::export::export_once(&b, &repo.display().to_string(), &tmp.path().join("work"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = crate::export::checkout(&repo.display().to_string(), &tmp.path().join("co"));
    assert_eq!(walk_count(&co, "label"), 12, "the export holds every label");
    w.ok(&["destroy", "-auto-approve", "-no-color", "-parallelism=10"]);
    assert!(b.block(b.client.list_labels()).expect("labels").is_empty());
}

/// Files under `dir` (any depth) whose name starts with `prefix` or whose folder does.
fn walk_count(dir: &std::path::Path, prefix: &str) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == ".git" {
            continue;
        }
        if p.is_dir() {
            n += if name.starts_with(prefix) { std::fs::read_dir(&p).map(|d| d.count()).unwrap_or(0) } else { walk_count(&p, prefix) };
        } else if name.starts_with(prefix) {
            n += 1;
        }
    }
    n
}
