//! `segsync-export`'s scope: `--include` / `--exclude` by kind, label and id, and
//! `--exclude-managed-by` a real Terraform state, against a real git remote and the real
//! Terraform.

use std::collections::BTreeSet;
use std::path::Path;

use e2e::gitserver::bare_repo;
use e2e::Backend;

use crate::export::{checkout, exporter, terraform_over};

/// The `.tf` files of an export, by name, with their text.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .map(|p| (p.file_name().expect("name").to_string_lossy().to_string(), std::fs::read_to_string(&p).expect("read")))
        .collect();
    out.sort();
    out
}

fn kinds(files: &[(String, String)]) -> BTreeSet<String> {
    files
        .iter()
        .filter_map(|(_, t)| t.lines().find_map(|l| l.strip_prefix("resource \"").and_then(|r| r.split('"').next()).map(str::to_string)))
        .collect()
}

/// `label:team=growth` exports the growth sources, what belongs to them and the label; `--exclude`
/// by kind takes kinds out; the skipped objects are summed up at INFO with the reason.
#[test]
fn include_by_label_and_exclude_by_kind_keep_what_belongs_to_the_selected_sources() {
    let b = Backend::start();
    b.seed(120, 11);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let out = exporter(&b, &repo, &tmp.path().join("work"), &["--once", "--include", "label:team=growth"]).output().expect("export");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("objects left out of the export") && err.contains("not selected by --include"), "{err}");
    let co = checkout(&repo, &tmp.path().join("co"));
    let fs = files(&co);
    let of = |kind: &str| -> Vec<&(String, String)> { fs.iter().filter(|(_, t)| t.contains(&format!("resource \"{kind}\" "))).collect() };
    let sources = of("segment_source");
    assert!(!sources.is_empty(), "no growth source exported");
    for (n, t) in &sources {
        assert!(t.contains("key   = segment_label.id-team_growth.key"), "{n} is not a growth source:\n{t}");
    }
    let source_ids: BTreeSet<String> =
        sources.iter().map(|(n, _)| n.trim_start_matches("source_").trim_end_matches(".tf").to_string()).collect();
    let destinations = of("segment_destination");
    assert!(!destinations.is_empty(), "the growth sources' destinations come with them");
    for (n, t) in &destinations {
        assert!(source_ids.iter().any(|s| t.contains(&format!("segment_source.id-{s}.id"))), "{n} belongs to another source:\n{t}");
    }
    let got = kinds(&fs);
    for k in ["segment_source", "segment_destination", "segment_destination_filter", "segment_label"] {
        assert!(got.contains(k), "no {k}: {got:?}");
    }
    for k in ["segment_tracking_plan", "segment_user_group", "segment_warehouse", "segment_function", "segment_transformation"] {
        assert!(!got.contains(k), "{k} belongs to no source and was not selected: {got:?}");
    }
    assert_eq!(fs.iter().filter(|(n, _)| n.starts_with("label_")).count(), 1, "only the selected label");
    // The export imports cleanly: what it refers to is in it.
    let w = terraform_over(&b, &co);
    w.ok(&["init", "-no-color", "-input=false"]);
    let plan = w.ok(&["plan", "-no-color"]);
    let imports = fs.len() - 2;
    assert!(plan.stdout.contains(&format!("{imports} to import, 0 to add, 0 to change, 0 to destroy")), "{}", plan.stdout);

    // Excluding kinds from everything: none of them, everything else. Without --spaces the
    // exporter says how to find space ids; pending invites are counted, not exported.
    b.block(b.client.create_invites(vec![segsync_api::types::Invite { email: "new.hire@example.com".into(), permissions: None }]))
        .expect("invite");
    let repo2 = bare_repo(tmp.path(), "ws2.git").display().to_string();
    let out = exporter(&b, &repo2, &tmp.path().join("work2"), &["--once", "--exclude", "user_group", "--exclude", "label"])
        .env_remove("SEGSYNC_SPACES")
        .output()
        .expect("export");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("profiles warehouses are not read without --spaces")
            && err.contains(&format!("GET {}/spaces", b.url.trim_end_matches('/'))),
        "{err}"
    );
    let invites = err
        .lines()
        .find(|l| l.contains("pending invites are not exported"))
        .and_then(|l| l.split("invites=").nth(1))
        .and_then(|n| n.trim().parse::<usize>().ok());
    assert!(invites.is_some_and(|n| n >= 1), "{err}");
    assert!(!kinds(&files(&checkout(&repo2, &tmp.path().join("co2-first")))).contains("segment_profiles_warehouse"));
    let out = exporter(&b, &repo2, &tmp.path().join("work2"), &["--once", "--exclude", "user,kind:user_group", "--exclude", "label"])
        .output()
        .expect("export");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("kinds not read") && err.contains("kinds=\"label, user, user_group\""), "{err}");
    let got = kinds(&files(&checkout(&repo2, &tmp.path().join("co2"))));
    assert!(!got.contains("segment_user") && !got.contains("segment_user_group") && !got.contains("segment_label"), "{got:?}");
    assert!(got.contains("segment_tracking_plan") && got.contains("segment_source"), "{got:?}");

    // A selector that names nothing the exporter knows is refused before anything is read.
    let out = exporter(&b, &repo2, &tmp.path().join("work3"), &["--once", "--include", "sauce"]).output().expect("export");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("is not a kind") && err.contains("destination_filter"), "{err}");
}

/// Objects another root already manages (its state file, or `terraform show -json` of it) are
/// left out, so the export's plan never imports an object a second time; what refers to them
/// keeps their literal id. Selecting by id takes the object and what belongs to it.
#[test]
fn exclude_managed_by_a_real_state_leaves_those_objects_to_their_owner() {
    let b = Backend::start();
    b.seed(40, 9);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    // A first export, to pick a source with destinations for the "core" root to own.
    let out = exporter(&b, &repo, &tmp.path().join("work"), &["--once"]).output().expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all = files(&checkout(&repo, &tmp.path().join("all")));
    let (dest_name, dest_text) =
        all.iter().find(|(_, t)| t.contains("resource \"segment_destination\" ") && t.contains("source_id")).expect("a destination");
    let source_id = dest_text
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("source_id")
                .map(|r| r.trim_start_matches([' ', '=']).trim_start_matches("segment_source.id-").trim_end_matches(".id").to_string())
        })
        .expect("source id");
    let source_file = format!("source_{source_id}.tf");
    // The core root adopts that source (its import and resource, as exported) with the real Terraform.
    let core_dir = tmp.path().join("core");
    std::fs::create_dir_all(&core_dir).expect("core");
    for f in [source_file.as_str(), "providers.tf"] {
        std::fs::write(core_dir.join(f), &all.iter().find(|(n, _)| n == f).expect("file").1).expect("write");
    }
    let core = terraform_over(&b, &core_dir);
    core.ok(&["init", "-no-color", "-input=false"]);
    // Labels the source refers to are literal in the core root (it does not own them).
    for f in std::fs::read_dir(core.path()).expect("dir").flatten() {
        let text = std::fs::read_to_string(f.path()).unwrap_or_default();
        if text.contains("segment_label.") {
            let literal: String = text
                .lines()
                .map(|l| match l.split_once("= segment_label.id-") {
                    Some((head, rest)) => {
                        let (label, attr) = rest.rsplit_once('.').expect("attr");
                        let (k, v) = label.split_once('_').expect("key_value");
                        format!("{head}= \"{}\"\n", if attr == "key" { k } else { v })
                    }
                    None => format!("{l}\n"),
                })
                .collect();
            std::fs::write(f.path(), literal).expect("write");
        }
    }
    core.ok(&["apply", "-no-color", "-auto-approve", "-input=false"]);
    let state = core.path().join("terraform.tfstate");
    let shown = core.ok(&["show", "-json"]).stdout;
    let shown_path = tmp.path().join("core-show.json");
    std::fs::write(&shown_path, shown).expect("show json");

    for (i, managed) in [state.clone(), shown_path.clone()].iter().enumerate() {
        let repo = bare_repo(tmp.path(), &format!("rest{i}.git")).display().to_string();
        let out = exporter(&b, &repo, &tmp.path().join(format!("rest-work{i}")), &["--once", "--exclude-managed-by"])
            .arg(managed)
            .output()
            .expect("export");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains(&format!("1 managed by {}", managed.display())), "{err}");
        let co = checkout(&repo, &tmp.path().join(format!("rest{i}")));
        let fs = files(&co);
        assert!(!fs.iter().any(|(n, _)| *n == source_file), "the core root's source was exported again");
        let dest = &fs.iter().find(|(n, _)| n == dest_name).expect("the destination is still exported").1;
        assert!(dest.contains(&format!("source_id           = \"{source_id}\"")), "a literal id for the object another root owns:\n{dest}");
        // The rest imports cleanly beside the core root.
        let w = terraform_over(&b, &co);
        w.ok(&["init", "-no-color", "-input=false"]);
        let plan = w.ok(&["plan", "-no-color"]);
        assert!(plan.stdout.contains(&format!("{} to import, 0 to add, 0 to change, 0 to destroy", fs.len() - 2)), "{}", plan.stdout);
    }

    // A file that is not a state is refused with its name.
    let bad = tmp.path().join("notes.json");
    std::fs::write(&bad, "[1, 2]").expect("write");
    let out = exporter(&b, &repo, &tmp.path().join("work"), &["--once", "--exclude-managed-by"]).arg(&bad).output().expect("export");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("neither a Terraform state file nor"), "{err}");

    // By id: the source and what belongs to it, nothing else.
    let repo3 = bare_repo(tmp.path(), "one.git").display().to_string();
    let out =
        exporter(&b, &repo3, &tmp.path().join("work3"), &["--once", "--include", &format!("id:{source_id}")]).output().expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fs = files(&checkout(&repo3, &tmp.path().join("one")));
    assert!(
        fs.iter().any(|(n, _)| *n == source_file) && fs.iter().any(|(n, _)| n == dest_name),
        "{:?}",
        fs.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let got = kinds(&fs);
    assert!(
        got.iter()
            .all(|k| k.starts_with("segment_source") || k.starts_with("segment_destination") || k == "segment_insert_function_instance"),
        "{got:?}"
    );
}
