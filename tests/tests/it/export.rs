//! `segsync-export` end to end: a real server, real git repositories (a bare repository and a
//! git daemon on 127.0.0.1), a real Terraform on the exported files.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use e2e::{sibling_binary, Backend, Workdir};
use segsync_api::types::*;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "someone")
        .env("GIT_AUTHOR_EMAIL", "someone@example.com")
        .env("GIT_COMMITTER_NAME", "someone")
        .env("GIT_COMMITTER_EMAIL", "someone@example.com")
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn bare_repo(root: &Path, name: &str) -> PathBuf {
    let p = root.join(name);
    std::fs::create_dir_all(&p).expect("dir");
    git(&p, &["init", "-q", "--bare", "-b", "main"]);
    p
}

fn exporter(b: &Backend, repo: &str, workdir: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(sibling_binary("segsync-export"));
    c.args(["--repo", repo, "--workdir"]).arg(workdir).args(extra);
    c.env("PUBLIC_API_URL", &b.url).env("PUBLIC_API_TOKEN", &b.token).env("SEGSYNC_SPACES", b.state.catalog.spaces.join(","));
    c
}

fn export_once(b: &Backend, repo: &str, workdir: &Path) -> std::process::Output {
    exporter(b, repo, workdir, &["--once"]).output().expect("run segsync-export")
}

fn checkout(repo: &str, into: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(into);
    let out = Command::new("git")
        .args(["clone", "-q", "-b", "main", repo])
        .arg(into)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("clone");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    into.to_path_buf()
}

/// Copies the exported .tf files into a Terraform working directory.
fn terraform_over(b: &Backend, export: &Path) -> Workdir {
    let mut w = Workdir::mirror(&[e2e::segment_provider()], "0.1.0");
    w.set_env("PUBLIC_API_URL", &b.url);
    w.set_env("PUBLIC_API_TOKEN", &b.token);
    for f in std::fs::read_dir(export).expect("export dir").flatten() {
        let p = f.path();
        if p.extension().is_some_and(|e| e == "tf") {
            std::fs::copy(&p, w.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    w
}

#[test]
fn once_exports_a_runnable_root_module_that_imports_cleanly_and_keeps_secrets_out() {
    let b = Backend::start();
    b.seed(120, 11);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    // A file the exporter does not own is already there.
    let human = tmp.path().join("human");
    std::fs::create_dir_all(&human).expect("dir");
    git(&human, &["init", "-q", "-b", "main"]);
    git(&human, &["remote", "add", "origin", &repo.display().to_string()]);
    std::fs::write(human.join("README.md"), "# Our workspace\n").expect("readme");
    git(&human, &["add", "README.md"]);
    git(&human, &["commit", "-q", "-m", "Add README"]);
    git(&human, &["push", "-q", "origin", "main"]);

    let out = export_once(&b, &repo.display().to_string(), &tmp.path().join("work"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = checkout(&repo.display().to_string(), &tmp.path().join("co"));
    assert_eq!(
        std::fs::read_to_string(co.join("README.md")).expect("readme"),
        "# Our workspace\n",
        "a file the exporter did not write is untouched"
    );
    let log = git(&co, &["log", "--format=%s|%an|%cn"]);
    assert!(log.lines().next().is_some_and(|l| l.starts_with("Full sync|segsync-export|segsync-export")), "{log}");
    let tf_files: Vec<PathBuf> =
        std::fs::read_dir(&co).expect("dir").flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "tf")).collect();
    assert!(tf_files.len() > 60, "{} files", tf_files.len());
    for t in segment_provider::inventory::TYPES {
        let prefix = format!("{}_", t.trim_start_matches("segment_"));
        assert!(tf_files.iter().any(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))), "no {prefix} file");
    }

    // Secrets never reach git: no masked value, no seeded secret, anywhere in history.
    let history = git(&co, &["log", "-p", "--all"]);
    assert!(!history.contains('•'), "a masked value was written");
    let secret = regex_like_secret(&history);
    assert!(secret.is_none(), "a secret reached git: {secret:?}");
    assert!(std::fs::read_to_string(co.join("variables.tf")).expect("variables").contains("sensitive   = true"));

    // A second run with nothing changed commits nothing.
    let out = export_once(&b, &repo.display().to_string(), &tmp.path().join("work"));
    assert!(out.status.success());
    assert_eq!(
        git(&checkout(&repo.display().to_string(), &tmp.path().join("co2")), &["rev-list", "--count", "main"]).trim(),
        "2",
        "no empty commit"
    );

    // The folder is a runnable root module: init from the mirror, imports only, then empty.
    let w = terraform_over(&b, &co);
    let fmt = w.run(&["fmt", "-check", "-no-color"]);
    assert_eq!(fmt.code, 0, "not terraform fmt clean:\n{}", fmt.all());
    w.ok(&["init", "-no-color", "-input=false"]);
    let r = w.ok(&["plan", "-no-color"]);
    let imports = tf_files.len() - 2;
    let want = format!("{imports} to import, 0 to add, 0 to change, 0 to destroy");
    assert!(
        r.stdout.contains(&want),
        "expected {want:?}:\n{}",
        r.stdout.lines().filter(|l| l.contains("Plan:") || l.contains('~') || l.contains("Error")).take(40).collect::<Vec<_>>().join("\n")
    );
    w.apply();
    w.assert_plan_empty();
}

/// Seeded secrets look like `sk_`/`key_`/`pw_`/`fn_` and 24 lowercase letters or digits.
fn regex_like_secret(text: &str) -> Option<String> {
    for prefix in ["sk_", "key_", "pw_", "fn_"] {
        for (i, _) in text.match_indices(prefix) {
            let tail: String = text[i + prefix.len()..].chars().take(24).collect();
            if tail.len() == 24 && tail.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
                return Some(format!("{prefix}{tail}"));
            }
        }
    }
    None
}

struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn git_daemon(base: &Path) -> (Daemon, u16) {
    for _ in 0..20 {
        let port = 20000 + (std::process::id() as u16 % 20000) + (rand_nanos() % 5000) as u16;
        let child = Command::new("git")
            .args(["daemon", "--listen=127.0.0.1", &format!("--port={port}"), "--export-all", "--enable=receive-pack", "--reuseaddr"])
            .arg(format!("--base-path={}", base.display()))
            .arg(base)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("git daemon");
        let d = Daemon(child);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return (d, port);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("git daemon did not start");
}

fn rand_nanos() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
}

fn wait_for(what: &str, timeout: Duration, log: &Path, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; exporter log:\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn subjects(repo: &str, tmp: &Path) -> Vec<String> {
    let out = Command::new("git")
        .args(["ls-remote", repo, "refs/heads/main"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("ls-remote");
    if String::from_utf8_lossy(&out.stdout).trim().is_empty() {
        return vec![];
    }
    let co = checkout(repo, &tmp.join(format!("peek-{}", rand_nanos())));
    let log = git(&co, &["log", "--format=%s|%an|%ae"]);
    let _ = std::fs::remove_dir_all(&co);
    log.lines().rev().map(str::to_string).collect()
}

#[test]
fn watch_commits_each_change_by_its_actor_and_survives_kill_9_and_a_concurrent_push() {
    let b = Backend::start();
    let js = b.source_metadata_id("javascript");
    let src = b
        .block(b.client.create_source(&CreateSourceInput {
            slug: "web".into(),
            enabled: true,
            metadata_id: js.clone(),
            ..Default::default()
        }))
        .expect("source");
    let tmp = tempfile::tempdir().expect("tmp");
    let base = tmp.path().join("srv");
    bare_repo(&base, "ws.git");
    let (_daemon, port) = git_daemon(&base);
    let url = format!("git://127.0.0.1:{port}/ws.git");
    let work = tmp.path().join("work");
    let log_path = tmp.path().join("export.log");
    let start = || {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&log_path).expect("log");
        exporter(&b, &url, &work, &["--watch", "--interval", "200ms"]).stdout(Stdio::null()).stderr(log).spawn().expect("watch")
    };
    let mut child = start();
    wait_for("the first full sync", Duration::from_secs(60), &log_path, || {
        subjects(&url, tmp.path()).iter().any(|s| s.starts_with("Full sync"))
    });

    // Changes by two actors: a person (token with an email) and a token without one.
    let bot_token = b
        .block(segsync_server::auth::create_token(&b.state.db.pool, "deploy-bot", segsync_server::auth::Scope::Admin, None))
        .expect("token");
    let bot = segsync_api::Client::new(&b.url, segsync_api::Token::new(&bot_token)).expect("client");
    b.block(b.client.update_source(&src.id, &UpdateSourceInput { name: Some("Website".into()), ..Default::default() })).expect("rename");
    b.block(bot.update_source(&src.id, &UpdateSourceInput { enabled: Some(false), ..Default::default() })).expect("disable");
    let want1 = format!("Source '{}' modified by terraform@example.com|terraform@example.com|terraform@example.com", src.id);
    let want2 = format!("Source '{}' disabled by Public API token 'deploy-bot'|Public API token deploy-bot|public-api-token-deploy-bot@noreply.segsync.invalid", src.id);
    wait_for("the two commits", Duration::from_secs(60), &log_path, || {
        let s = subjects(&url, tmp.path());
        s.contains(&want1) && s.contains(&want2)
    });

    // kill -9 in the middle of a burst, then restart: nothing lost, nothing repeated.
    for i in 0..15 {
        b.block(b.client.create_source(&CreateSourceInput {
            slug: format!("burst-{i}"),
            enabled: true,
            metadata_id: js.clone(),
            ..Default::default()
        }))
        .expect("create");
    }
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill").args(["-9", &child.id().to_string()]).status();
    let _ = child.wait();
    // Someone else pushes to the branch while the exporter is down.
    let human = checkout(&url, &tmp.path().join("human"));
    std::fs::write(human.join("NOTES.md"), "notes\n").expect("notes");
    git(&human, &["add", "NOTES.md"]);
    git(&human, &["commit", "-q", "-m", "Add notes"]);
    git(&human, &["push", "-q", "origin", "main"]);
    let dest = b
        .block(b.client.create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: b.destination_metadata_id("webhooks"),
            settings: Settings::new(),
            ..Default::default()
        }))
        .expect("dest");
    b.block(b.client.delete_destination(&dest.id)).expect("delete dest");
    let mut child = start();
    wait_for("every burst commit and the deletion", Duration::from_secs(90), &log_path, || {
        let s = subjects(&url, tmp.path());
        s.iter().filter(|x| x.starts_with("Source '") && x.contains(" created by ")).count() >= 15
            && s.iter().any(|x| x.starts_with(&format!("Destination '{}' deleted", dest.id)))
    });
    let s = subjects(&url, tmp.path());
    let creates: Vec<&String> = s.iter().filter(|x| x.starts_with("Source '") && x.contains(" created by ")).collect();
    assert_eq!(creates.len(), 15, "each create committed exactly once: {s:#?}");
    assert_eq!(s.iter().filter(|x| x.starts_with(&format!("Destination '{}' created", dest.id))).count(), 1);
    assert!(s.iter().any(|x| x.starts_with("Add notes")), "the concurrent push was kept: {s:#?}");
    let co = checkout(&url, &tmp.path().join("final"));
    assert!(!co.join(format!("destination_{}.tf", dest.id)).exists(), "the deleted destination's file is gone");
    assert!(co.join(format!("source_{}.tf", src.id)).exists());
    assert!(co.join("NOTES.md").exists());
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let st = child.wait().expect("wait");
    assert!(st.success(), "SIGTERM ends the exporter cleanly: {st}");
}

#[test]
fn a_protected_branch_gives_a_clear_error() {
    let b = Backend::start();
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    let hook = repo.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'main is protected: open a pull request' >&2\nexit 1\n").expect("hook");
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let out = export_once(&b, &repo.display().to_string(), &tmp.path().join("work"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the remote refused the push") && err.contains("main is protected"), "{err}");
}
