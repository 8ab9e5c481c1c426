//! `segsync-export` end to end: a real server, real git repositories (a bare repository and a
//! git daemon on 127.0.0.1), a real Terraform on the exported files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use e2e::gitserver::{bare_repo, git, git_daemon};
use e2e::{sibling_binary, Backend, Workdir};
use segsync_api::types::*;

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
    let daemon = git_daemon(&base);
    let port = daemon.port;
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

/// Everything the exporter printed, plus every file of its working copy's git directory that could
/// hold a credential.
fn leak_surface(out: &std::process::Output, work: &Path) -> String {
    let mut s = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    for f in ["config", "FETCH_HEAD", "packed-refs"] {
        s.push_str(&std::fs::read_to_string(work.join("repo/.git").join(f)).unwrap_or_default());
        s.push_str(&std::fs::read_to_string(work.join(".git").join(f)).unwrap_or_default());
    }
    s
}

#[test]
fn pushes_over_ssh_with_a_passphrase_key_and_strict_known_hosts() {
    let b = Backend::start();
    b.seed(20, 5);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    let passphrase = "correct horse battery staple 7731";
    let (sshd, access) = e2e::gitserver::sshd(&tmp.path().join("sshd"), passphrase);
    let url = format!("ssh://{}@127.0.0.1:{}{}", access.user, sshd.port, repo.display());
    let work = tmp.path().join("work");
    let run = |known_hosts: &Path, pass: &str, work: &Path| {
        exporter(&b, &url, work, &["--once", "--ssh-key"])
            .arg(&access.key)
            .arg("--known-hosts")
            .arg(known_hosts)
            .env("SEGSYNC_SSH_PASSPHRASE", pass)
            .env_remove("SSH_AUTH_SOCK")
            .output()
            .expect("run segsync-export")
    };
    let out = run(&access.known_hosts, passphrase, &work);
    assert!(out.status.success(), "{}\nsshd log:\n{}", String::from_utf8_lossy(&out.stderr), sshd.log_text());
    assert!(!leak_surface(&out, &work).contains(passphrase), "the passphrase leaked");
    let co = checkout(&repo.display().to_string(), &tmp.path().join("co"));
    assert!(git(&co, &["log", "--format=%s"]).starts_with("Full sync"));
    assert!(co.join("providers.tf").exists());
    assert!(sshd.log_text().contains("Accepted publickey"), "the push went through sshd: {}", sshd.log_text());

    // A later change arrives over the same transport.
    let js = b.source_metadata_id("javascript");
    b.block(b.client.create_source(&CreateSourceInput { slug: "over-ssh".into(), enabled: true, metadata_id: js, ..Default::default() }))
        .expect("create");
    let out = run(&access.known_hosts, passphrase, &work);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(git(&checkout(&repo.display().to_string(), &tmp.path().join("co2")), &["rev-list", "--count", "main"]).trim(), "2");

    // A host key that does not match known_hosts is refused (strict checking), with a clear error.
    let other = tmp.path().join("other_known_hosts");
    let (_other_sshd, other_access) = e2e::gitserver::sshd(&tmp.path().join("sshd2"), "x");
    let wrong = std::fs::read_to_string(&other_access.known_hosts).expect("kh");
    let key_part = wrong.split_once(' ').map(|(_, k)| k).unwrap_or_default();
    std::fs::write(&other, format!("[127.0.0.1]:{} {key_part}", sshd.port)).expect("write");
    let out = run(&other, passphrase, &tmp.path().join("work-bad-host"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("HOST IDENTIFICATION HAS CHANGED") || err.contains("Host key verification failed"), "{err}");
    assert!(!err.contains(passphrase));

    // A wrong passphrase fails cleanly instead of hanging on a prompt.
    let started = Instant::now();
    let out = run(&access.known_hosts, "not the passphrase", &tmp.path().join("work-bad-pass"));
    assert!(!out.status.success());
    assert!(started.elapsed() < Duration::from_secs(60));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Permission denied") || err.contains("Could not read from remote repository"), "{err}");
}

#[test]
fn pushes_over_https_with_a_token_and_a_private_ca() {
    let b = Backend::start();
    b.seed(20, 6);
    let tmp = tempfile::tempdir().expect("tmp");
    let repos = tmp.path().join("repos");
    let bare = bare_repo(&repos, "ws.git");
    e2e::gitserver::allow_http_push(&bare);
    let token = "ghp_exporttoken5b1c9f0e2d7a4c3b";
    let (server, access) = e2e::gitserver::https_git(&tmp.path().join("https"), &repos, token);
    let url = format!("{}/ws.git", access.base_url);
    let work = tmp.path().join("work");
    let run = |tok: &str, work: &Path| {
        exporter(&b, &url, work, &["--once", "--git-ca-file"])
            .arg(&access.ca_file)
            .env("SEGSYNC_GIT_TOKEN", tok)
            .env_remove("GIT_SSL_CAINFO")
            .env("GIT_SSL_CAINFO", "/nonexistent/ca.pem")
            .output()
            .expect("run segsync-export")
    };
    let out = run(token, &work);
    assert!(out.status.success(), "{}\nlighttpd log:\n{}", String::from_utf8_lossy(&out.stderr), server.log_text());
    assert!(!leak_surface(&out, &work).contains(token), "the token leaked");
    let co = checkout(&bare.display().to_string(), &tmp.path().join("co"));
    assert!(git(&co, &["log", "--format=%s"]).starts_with("Full sync"));
    assert!(co.join("variables.tf").exists());

    // The wrong token: a clear authentication error, nothing pushed, the token not echoed.
    let js = b.source_metadata_id("javascript");
    b.block(b.client.create_source(&CreateSourceInput { slug: "over-https".into(), enabled: true, metadata_id: js, ..Default::default() }))
        .expect("create");
    let out = run("ghp_wrongtoken000000000000000", &tmp.path().join("work-bad"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("401") || err.contains("Authentication failed") || err.contains("could not read Username"), "{err}");
    assert!(!err.contains("ghp_wrongtoken"), "{err}");
    assert_eq!(git(&bare, &["rev-list", "--count", "main"]).trim(), "1");

    // Without the CA the certificate is not trusted (no silent downgrade to unverified TLS).
    let out = exporter(&b, &url, &tmp.path().join("work-noca"), &["--once"])
        .env("SEGSYNC_GIT_TOKEN", token)
        .env_remove("GIT_SSL_CAINFO")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("certificate") || err.contains("SSL"), "{err}");

    // The right token pushes the change on the next run.
    let out = run(token, &work);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(git(&bare, &["rev-list", "--count", "main"]).trim(), "2");
}
