//! Every example under `examples/` (the tfplugindocs layout) is applied against a real server,
//! planned empty, and destroyed.

use std::path::{Path, PathBuf};

use e2e::{repo_root, Backend};
use segsync_api::types::Invite;

fn example_dirs() -> Vec<PathBuf> {
    let root = repo_root().join("examples");
    let mut dirs = Vec::new();
    for kind in ["resources", "data-sources"] {
        for entry in std::fs::read_dir(root.join(kind)).expect("examples dir").flatten() {
            dirs.push(entry.path());
        }
    }
    dirs.sort();
    dirs
}

fn apply_example(dir: &Path) {
    apply_example_with(dir, None);
}

/// Applies an example (optionally under injected faults), checks the plan is empty, destroys it;
/// returns how many objects the workspace held after the apply.
fn apply_example_with(dir: &Path, faults: Option<&str>) -> i64 {
    let b = Backend::start_with(segsync_server::Config {
        extensions: true,
        faults: faults.map(|f| f.parse().expect("faults")).unwrap_or_default(),
        ..Default::default()
    });
    let invited = b.block(b.client.create_invites(vec![Invite { email: "someone@example.com".into(), permissions: None }]));
    let accepted = b.block(b.client.accept_invite("someone@example.com"));
    if faults.is_none() {
        invited.expect("invite");
        accepted.expect("accept");
    }
    let w = b.workdir();
    w.write("provider.tf", &std::fs::read_to_string(repo_root().join("examples/provider/provider.tf")).expect("provider example"));
    for f in std::fs::read_dir(dir).expect("example").flatten() {
        let p = f.path();
        if p.extension().is_some_and(|e| e == "tf") {
            w.write(&p.file_name().expect("name").to_string_lossy(), &std::fs::read_to_string(&p).expect("read example"));
        }
    }
    let text = w.read("resource.tf") + &w.read("data-source.tf");
    let mut vars: Vec<String> = Vec::new();
    if text.contains("var.space_id") {
        vars.push(format!("-var=space_id={}", b.state.catalog.spaces[0]));
    }
    if text.contains("var.email") {
        vars.push("-var=email=someone@example.com".into());
    }
    let mut apply = vec!["apply", "-auto-approve", "-no-color"];
    apply.extend(vars.iter().map(String::as_str));
    w.ok(&apply);
    let objects: i64 =
        b.block(async { sqlx::query_scalar("SELECT COUNT(*) FROM objects").fetch_one(&b.state.db.pool).await.expect("count objects") });
    let mut plan = vec!["plan", "-detailed-exitcode", "-no-color"];
    plan.extend(vars.iter().map(String::as_str));
    let r = w.run(&plan);
    assert_eq!(r.code, 0, "example {} does not plan empty after apply:\n{}", dir.display(), r.all());
    let mut destroy = vec!["destroy", "-auto-approve", "-no-color"];
    destroy.extend(vars.iter().map(String::as_str));
    w.ok(&destroy);
    objects
}

/// Segment's API has no idempotency keys: when the answer to a create is lost (here every POST
/// is carried out and then answered 503), the provider finds the object instead of creating a
/// second one. Every resource example ends with as many objects as without faults, and plans
/// empty.
#[test]
fn every_resource_example_creates_each_object_once_when_create_answers_are_lost() {
    let dirs: Vec<PathBuf> = example_dirs().into_iter().filter(|d| d.parent().is_some_and(|p| p.ends_with("resources"))).collect();
    assert_eq!(dirs.len(), 16);
    for chunk in dirs.chunks(4) {
        std::thread::scope(|s| {
            for d in chunk {
                s.spawn(|| {
                    let clean = apply_example_with(d, None);
                    let lost = apply_example_with(d, Some("POST:503-after=1"));
                    assert_eq!(lost, clean, "{}: objects after an apply whose create answers were lost", d.display());
                });
            }
        });
    }
}

#[test]
fn every_example_applies_plans_empty_and_destroys() {
    let dirs = example_dirs();
    assert_eq!(dirs.len(), 26, "16 resource and 10 data source examples: {dirs:?}");
    for d in &dirs {
        let kind = d.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let name = d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if kind == "resources" {
            assert!(d.join("resource.tf").exists() && d.join("import.sh").exists(), "{name} needs resource.tf and import.sh");
        } else {
            assert!(d.join("data-source.tf").exists(), "{name} needs data-source.tf");
        }
    }
    let b = Backend::start();
    let fmt = b.workdir().run(&["fmt", "-check", "-recursive", "-no-color", &repo_root().join("examples").display().to_string()]);
    assert_eq!(fmt.code, 0, "examples are not terraform fmt clean:\n{}", fmt.all());
    // Four at a time: each example has its own server and working directory.
    for chunk in dirs.chunks(4) {
        std::thread::scope(|s| {
            for d in chunk {
                s.spawn(|| apply_example(d));
            }
        });
    }
}
