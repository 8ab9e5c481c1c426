//! The guides in `docs/guides/` as their readers run them: the migration from
//! `segmentio/segment` with a real Terraform, the CI-twin block as written, and for every guide
//! the options, files and tests it names exist.

use std::path::{Path, PathBuf};
use std::process::Command;

use e2e::gitserver::run;
use e2e::{repo_root, sibling_binary, terraform, Backend, ProviderBin, Workdir};

fn guide(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("docs/guides").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fenced blocks of a Markdown text with the given info string.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let t = line.trim_start();
        match &mut current {
            None if t.starts_with("```") && t.trim_start_matches('`').trim() == lang => current = Some(String::new()),
            Some(b) if t.starts_with("```") => {
                out.push(std::mem::take(b));
                current = None;
            }
            Some(b) => {
                b.push_str(t);
                b.push('\n');
            }
            None => {}
        }
    }
    out
}

/// A filesystem mirror holding our provider under each of `sources` (`segmentio/segment@1.6.0`…).
fn mirror_config(dir: &Path, sources: &[(&str, &str)]) -> String {
    let mirror = dir.join("mirror");
    for (source, version) in sources {
        let p = ProviderBin { source: source.to_string(), binary: sibling_binary("terraform-provider-segment") };
        e2e::into_filesystem_mirror(&mirror, &p, version);
    }
    format!("provider_installation {{\n  filesystem_mirror {{\n    path = \"{}\"\n  }}\n}}\n", mirror.display())
}

const LABEL: &str = "resource \"segment_label\" \"team\" {\n  key         = \"team\"\n  value       = \"migration\"\n  description = \"moved between providers\"\n}\n";

#[test]
fn migrating_from_segmentio_segment_keeps_the_state() {
    let b = Backend::start();
    let mirror_dir = tempfile::tempdir().expect("tmp");
    // The official provider cannot be downloaded here: the state is written by our binary
    // installed under the official address, which is what the state records.
    let config = mirror_config(mirror_dir.path(), &[("segmentio/segment", "1.6.0"), ("segsync/segment", env!("CARGO_PKG_VERSION"))]);
    let mut w = Workdir::with_cli_config(&config);
    w.set_env("PUBLIC_API_URL", &b.url);
    w.set_env("PUBLIC_API_TOKEN", &b.token);
    let header = |source: &str| {
        format!("terraform {{\n  required_providers {{\n    segment = {{\n      source = \"{source}\"\n    }}\n  }}\n}}\n\n")
    };
    w.write("main.tf", &(header("segmentio/segment") + LABEL));
    w.ok(&["init", "-no-color", "-input=false"]);
    w.apply();
    let state = w.ok(&["state", "pull"]).stdout;
    assert!(state.contains("registry.terraform.io/segmentio/segment"), "{state}");

    // Step 1: the source, as the guide shows it.
    let guide = guide("migrating-from-segmentio-segment.md");
    let hcl = blocks(&guide, "hcl");
    assert!(hcl[0].contains("source = \"segsync/segment\""), "{}", hcl[0]);
    w.write("main.tf", &(hcl[0].clone() + "\n" + LABEL));
    // Step 2: the guide's commands, as written.
    let sh = blocks(&guide, "sh");
    let commands: Vec<Vec<&str>> =
        sh[0].lines().filter(|l| l.starts_with("terraform ")).map(|l| l.split_whitespace().skip(1).collect()).collect();
    assert_eq!(commands.len(), 2, "{}", sh[0]);
    let mut printed = String::new();
    for c in &commands {
        printed += &w.ok(c).all();
    }
    // What the worked example says they print.
    for line in ["Successfully replaced provider for 1 resources.", "Installing segsync/segment v"] {
        assert!(guide.contains(line) && printed.contains(line), "{line:?} not printed as the guide says:\n{printed}");
    }
    let state = w.ok(&["state", "pull"]).stdout;
    assert!(state.contains("registry.terraform.io/segsync/segment") && !state.contains("segmentio"), "{state}");
    // Step 3: nothing to do, with and without refresh.
    assert!(blocks(&guide, "sh")[1].trim() == "terraform plan");
    w.assert_plan_empty();
    assert!(w.ok(&["plan", "-no-color"]).stdout.contains("No changes. Your infrastructure matches the configuration."));
}

#[test]
fn the_ci_twin_guide_runs_as_written() {
    let guide = guide("ci-twin.md");
    let script = blocks(&guide, "sh").into_iter().next().expect("the CI block");
    let tmp = tempfile::tempdir().expect("tmp");
    // PATH as a CI job would have it: segsync-server and terraform installed.
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    std::os::unix::fs::symlink(sibling_binary("segsync-server"), bin.join("segsync-server")).expect("link");
    std::os::unix::fs::symlink(terraform(), bin.join("terraform")).expect("link");
    let job = tmp.path().join("job");
    std::fs::create_dir_all(&job).expect("job");
    std::fs::write(job.join("main.tf"), e2e::SEGMENT.to_string() + "\n" + LABEL).expect("main.tf");
    let cli = tmp.path().join("terraformrc");
    std::fs::write(&cli, mirror_config(tmp.path(), &[("segsync/segment", env!("CARGO_PKG_VERSION"))])).expect("rc");
    let full = format!("set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null' EXIT\n{script}");
    let out = Command::new("bash")
        .arg("-c")
        .arg(&full)
        .current_dir(&job)
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
        .env("TF_CLI_CONFIG_FILE", &cli)
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_IN_AUTOMATION", "1")
        .output()
        .expect("bash");
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the guide's block failed:\n{all}");
    assert!(all.contains("1 added") && all.contains("No changes."), "{all}");
}

/// Every `segsync-export --<flag>` and `segsync-server <command> --<flag>` a guide shows exists,
/// every repository path it names exists, and every test it cites is a test.
#[test]
fn guides_name_only_options_files_and_tests_that_exist() {
    let root = repo_root();
    let help = |bin: &str, args: &[&str]| run(Command::new(sibling_binary(bin)).args(args).arg("--help"));
    let export_help = help("segsync-export", &[]);
    let tests_src: String = std::fs::read_dir(root.join("tests/tests/it"))
        .expect("tests")
        .flatten()
        .map(|f| std::fs::read_to_string(f.path()).unwrap_or_default())
        .collect();
    let mut guides: Vec<PathBuf> = std::fs::read_dir(root.join("docs/guides")).expect("guides").flatten().map(|e| e.path()).collect();
    guides.sort();
    assert!(guides.len() >= 6, "{guides:?}");
    let mut checked = 0;
    for g in guides {
        let name = g.file_name().unwrap_or_default().to_string_lossy().to_string();
        // One command per line (continuations joined); options are looked for on their line.
        let text = std::fs::read_to_string(&g).expect("guide").replace("\\\n", " ");
        for line in text.lines() {
            let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == '`' || c == '(' || c == ')' || c == ',').collect();
            for (i, w) in words.iter().enumerate() {
                // Options of the exporter shown in a command or named beside it.
                if *w == "segsync-export" {
                    for flag in words[i + 1..]
                        .iter()
                        .take_while(|x| x.starts_with("--") || !x.is_empty() && !x.contains('|'))
                        .filter(|x| x.starts_with("--"))
                        .take(8)
                    {
                        let flag = flag.split('=').next().unwrap_or_default();
                        assert!(
                            export_help.contains(&format!("{flag} ")) || export_help.contains(&format!("{flag}\n")),
                            "{name}: segsync-export {flag} does not exist"
                        );
                        checked += 1;
                    }
                }
                if *w == "segsync-server" {
                    if let Some(sub) = words.get(i + 1).filter(|s| ["seed", "serve", "token"].contains(s)) {
                        let sub_args: Vec<&str> = if *sub == "token" { vec!["token", "create"] } else { vec![sub] };
                        let sub_help = help("segsync-server", &sub_args);
                        for flag in words[i + 2..].iter().take(14).filter(|x| x.starts_with("--")) {
                            assert!(sub_help.contains(&format!("{flag} ")), "{name}: segsync-server {sub} {flag} does not exist");
                            checked += 1;
                        }
                    }
                }
                // Repository paths.
                for prefix in ["deploy/", "examples/", ".ci/", "docs/guides/"] {
                    if w.starts_with(prefix) && !w.contains('<') && !w.contains('*') {
                        let p = w.trim_end_matches(['.', ':', ';']);
                        assert!(root.join(p).exists(), "{name}: {p} does not exist");
                        checked += 1;
                    }
                }
                // Cited tests: `module::function`.
                if let Some((module, function)) = w.split_once("::") {
                    let known = ["deploy", "export", "release", "guides", "segment", "compat", "daemon", "resources", "coalesce"];
                    if known.contains(&module)
                        && !function.is_empty()
                        && function.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        assert!(tests_src.contains(&format!("fn {function}(")), "{name}: the test {module}::{function} does not exist");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 30, "only {checked} references checked");
}
