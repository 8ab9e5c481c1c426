//! `segsync-export` end to end: a real server, real git repositories (a bare repository and a
//! git daemon on 127.0.0.1), a real Terraform on the exported files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use e2e::gitserver::{bare_repo, git, git_daemon};
use e2e::{sibling_binary, Backend, Workdir};
use segsync_api::types::*;

pub(crate) fn exporter(b: &Backend, repo: &str, workdir: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(sibling_binary("segsync-export"));
    c.args(["--repo", repo, "--workdir"]).arg(workdir).args(extra);
    c.env("PUBLIC_API_URL", &b.url).env("PUBLIC_API_TOKEN", &b.token).env("SEGSYNC_SPACES", b.state.catalog.spaces.join(","));
    c
}

/// A Javascript source with the slug `web`: the object most exporter tests change.
pub(crate) fn web_source(b: &Backend) -> Source {
    let js = b.source_metadata_id("javascript");
    b.block(b.client.create_source(&CreateSourceInput { slug: "web".into(), enabled: true, metadata_id: js, ..Default::default() }))
        .expect("source")
}

pub(crate) fn export_once(b: &Backend, repo: &str, workdir: &Path) -> std::process::Output {
    exporter(b, repo, workdir, &["--once"]).output().expect("run segsync-export")
}

pub(crate) fn checkout(repo: &str, into: &Path) -> PathBuf {
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
pub(crate) fn terraform_over(b: &Backend, export: &Path) -> Workdir {
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
    // Function code as a heredoc, templates and backslashes literal, with and without a final
    // newline: the imports below plan nothing to change, so Terraform read back the same code.
    let codes = [
        "async function onTrack(event, settings) {\n  const u = `${settings.base}/%{x}`;\n  return event; // \\n stays\n}",
        "// ends with a newline\nasync function onIdentify(event) {\n\n  return event;\n}\n",
    ];
    let mut function_ids = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let f = b
            .block(b.client.create_function(&segsync_api::types::CreateFunctionInput {
                code: code.to_string(),
                display_name: format!("Heredoc {i}"),
                resource_type: "SOURCE".into(),
                ..Default::default()
            }))
            .expect("function");
        function_ids.push(f.id.expect("function id"));
    }
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
    let first = log.lines().next().unwrap_or_default();
    assert!(first.starts_with("Full sync: ") && first.ends_with(" added|segsync-export|segsync-export"), "{log}");
    // The commit names every object it adds by kind, name and id, and carries the feed
    // position as a trailer (no state file).
    let body = git(&co, &["log", "-1", "--format=%B"]);
    let added = body.lines().filter(|l| l.starts_with("- ")).count();
    assert!(body.contains("\n\nAdded:\n") && added > 60, "{body}");
    assert!(first.starts_with(&format!("Full sync: {added} added|")), "the count line counts the list: {first}");
    assert!(body.lines().any(|l| l.starts_with("- Source '") && l.ends_with(')')), "{body}");
    assert!(body.lines().any(|l| l.starts_with("Segsync-Audit-Position: 20")), "{body}");
    assert!(!co.join(".segsync/state.json").exists());
    // Ready for work: what running Terraform leaves behind is ignored, and a backend example
    // says where shared state goes.
    for left_behind in [".terraform/providers/x", "terraform.tfstate", "terraform.tfstate.backup", "crash.log"] {
        let st = Command::new("git").arg("-C").arg(&co).args(["check-ignore", "-q", left_behind]).status().expect("check-ignore");
        assert!(st.success(), "{left_behind} is not ignored");
    }
    assert!(!Command::new("git").arg("-C").arg(&co).args(["check-ignore", "-q", "main.tf"]).status().expect("check-ignore").success());
    assert!(std::fs::read_to_string(co.join("backend.tf.example")).expect("backend example").contains("backend \"s3\""));
    let tf_files: Vec<PathBuf> =
        std::fs::read_dir(&co).expect("dir").flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "tf")).collect();
    assert!(tf_files.len() > 60, "{} files", tf_files.len());
    for t in segment_provider::inventory::types() {
        let prefix = format!("{}_", t.trim_start_matches("segment_"));
        assert!(tf_files.iter().any(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))), "no {prefix} file");
    }

    // Each file says what it holds; function code is a heredoc, so a change to it is a change
    // to its lines.
    for (id, code) in function_ids.iter().zip(codes) {
        let text = std::fs::read_to_string(co.join(format!("function_{id}.tf"))).expect("function file");
        assert!(text.starts_with("# Function 'Heredoc") && text.lines().next().is_some_and(|l| l.ends_with(": Source function")), "{text}");
        let opener = if code.ends_with('\n') { "  code          = <<EOT\n" } else { "  code = chomp(<<EOT\n" };
        assert!(text.contains(opener), "{text}");
        if code.contains("${") {
            assert!(
                text.contains("$${settings.base}/%%{x}") && text.contains("// \\n stays"),
                "templates doubled, backslashes as they are: {text}"
            );
        }
    }
    let dest =
        tf_files.iter().find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("destination_"))).expect("a destination");
    let first = std::fs::read_to_string(dest).expect("file");
    assert!(first.starts_with("# Destination '") && first.lines().next().is_some_and(|l| l.ends_with(" destination")), "{first}");

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

    // A change to the code is a change to its lines, and Terraform sends the text exactly:
    // the chomped heredoc keeps no final newline, `$${`/`%%{` are literal again.
    let file = w.path().join(format!("function_{}.tf", function_ids[0]));
    let text = std::fs::read_to_string(&file).expect("function file");
    std::fs::write(&file, text.replace("  return event; // \\n stays\n", "  return null;\n  // $${not} a template\n")).expect("edit");
    w.apply();
    let f = b.block(b.client.get_function(&function_ids[0])).expect("function");
    let want = "async function onTrack(event, settings) {\n  const u = `${settings.base}/%{x}`;\n  return null;\n  // ${not} a template\n}";
    assert_eq!(f.code.as_deref(), Some(want));
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

pub(crate) fn wait_for(what: &str, timeout: Duration, log: &Path, mut f: impl FnMut() -> bool) {
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

pub(crate) fn subjects(repo: &str, tmp: &Path) -> Vec<String> {
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
    // Each change is read as the object is when its event is applied, so the second change
    // waits for the first commit (else the first event's commit holds both, and the second
    // changes nothing more: no commit).
    b.block(b.client.update_source(&src.id, &UpdateSourceInput { name: Some("Website".into()), ..Default::default() })).expect("rename");
    let want1 = format!("Source 'Website' ({}) modified by terraform@example.com|terraform@example.com|terraform@example.com", src.id);
    wait_for("the first commit", Duration::from_secs(60), &log_path, || subjects(&url, tmp.path()).contains(&want1));
    b.block(bot.update_source(&src.id, &UpdateSourceInput { enabled: Some(false), ..Default::default() })).expect("disable");
    let want2 = format!("Source 'Website' ({}) disabled by Public API token 'deploy-bot'|Public API token deploy-bot|public-api-token-deploy-bot@noreply.segsync.invalid", src.id);
    wait_for("the second commit", Duration::from_secs(60), &log_path, || subjects(&url, tmp.path()).contains(&want2));

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
    wait_for("every burst commit", Duration::from_secs(90), &log_path, || {
        let s = subjects(&url, tmp.path());
        s.iter().filter(|x| x.starts_with("Source '") && x.contains(" created by ")).count() >= 15
    });
    std::thread::sleep(Duration::from_millis(600));
    let s = subjects(&url, tmp.path());
    let creates: Vec<&String> = s.iter().filter(|x| x.starts_with("Source '") && x.contains(" created by ")).collect();
    assert_eq!(creates.len(), 15, "each create committed exactly once: {s:#?}");
    // Created and deleted while the exporter was down: the rendered tree never changed, so no
    // commit names it (one commit per event that changes the tree).
    assert!(!s.iter().any(|x| x.contains(&dest.id)), "{s:#?}");
    // No commit changes only the feed position.
    let co = checkout(&url, &tmp.path().join("stat"));
    for line in git(&co, &["log", "--format=%H"]).lines() {
        let files = git(&co, &["show", "--name-only", "--format=", line]);
        assert!(files.lines().any(|f| !f.starts_with(".segsync/")), "a commit with only exporter state: {line}");
    }
    assert!(s.iter().any(|x| x.starts_with("Add notes")), "the concurrent push was kept: {s:#?}");
    let co = checkout(&url, &tmp.path().join("final"));
    assert!(!co.join(format!("destination_{}.tf", dest.id)).exists(), "the deleted destination's file is gone");
    assert!(co.join(format!("source_{}.tf", src.id)).exists());
    assert!(co.join("NOTES.md").exists());
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let st = child.wait().expect("wait");
    assert!(st.success(), "SIGTERM ends the exporter cleanly: {st}");
    // What watch mode wrote one object at a time is exactly what a full render writes.
    let before = subjects(&url, tmp.path()).len();
    let out = export_once(&b, &url, &work);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        subjects(&url, tmp.path()).len(),
        before,
        "a full sync after watch found differences: {:?}",
        subjects(&url, tmp.path()).last()
    );
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

/// Every file of a checkout except git's own, relative path → content.
pub(crate) fn tree(dir: &Path) -> std::collections::BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).expect("read dir").flatten() {
            let p = e.path();
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("prefix").display().to_string();
                out.insert(rel, std::fs::read_to_string(&p).expect("utf-8 file"));
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Compares an export with the files under `tests/golden/<name>`; `SEGSYNC_BLESS=1` rewrites them.
fn assert_golden(name: &str, got: &std::collections::BTreeMap<String, String>) {
    let dir = e2e::repo_root().join("tests/golden").join(name);
    if std::env::var_os("SEGSYNC_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, text) in got {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write golden");
        }
        return;
    }
    let want = tree(&dir);
    assert!(!want.is_empty(), "no golden files under {}: run with SEGSYNC_BLESS=1", dir.display());
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{name}: files missing {missing:?}, unexpected {extra:?}");
    for (rel, text) in got {
        assert_eq!(text, &want[rel], "{name}/{rel} differs from the golden file (SEGSYNC_BLESS=1 rewrites it after review)");
    }
}

/// A fixture workspace (the deterministic seed) exported in both layouts, byte for byte.
#[test]
fn golden_snapshot_of_a_fixture_workspace_in_both_layouts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut exports = Vec::new();
    for (name, extra) in [("flat", vec![]), ("segment-layout", vec!["--layout", "segment", "--path", "workspace"])] {
        // Two independent servers with the same seed: the export must not depend on anything else.
        let mut trees = Vec::new();
        for round in 0..2 {
            let b = Backend::start();
            b.seed(60, 42);
            let repo = bare_repo(tmp.path(), &format!("{name}-{round}.git"));
            let mut args = vec!["--once"];
            args.extend(extra.iter().copied());
            let out = exporter(&b, &repo.display().to_string(), &tmp.path().join(format!("work-{name}-{round}")), &args)
                .output()
                .expect("run segsync-export");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            // Segment's folders are each a root module, and the exporter says so.
            let roots = String::from_utf8_lossy(&out.stderr).contains("each a root module of its own");
            assert_eq!(roots, name == "segment-layout", "{}", String::from_utf8_lossy(&out.stderr));
            trees.push(tree(&checkout(&repo.display().to_string(), &tmp.path().join(format!("co-{name}-{round}")))));
        }
        assert_eq!(trees[0], trees[1], "{name}: the same workspace exported twice gave different files");
        exports.push((name, trees.remove(0)));
    }
    let (_, flat) = &exports[0];
    for t in segment_provider::inventory::types() {
        let prefix = format!("{}_", t.trim_start_matches("segment_"));
        assert!(flat.keys().any(|k| k.starts_with(&prefix)), "the fixture has no {t}");
    }
    // Warehouses and profiles warehouses follow one rule: the password the API never returns is a
    // sensitive variable in `settings_wo` for both.
    for prefix in ["warehouse_", "profiles_warehouse_"] {
        let files: Vec<(&String, &String)> = flat.iter().filter(|(k, _)| k.starts_with(prefix)).collect();
        assert!(!files.is_empty(), "no {prefix} file");
        for (k, text) in files {
            assert!(text.contains("settings_wo = jsonencode({\n    password = var."), "{k} has no password variable:\n{text}");
        }
    }
    // Segment's layout: folders per kind under the --path folder, each a root module with its
    // providers and variables, the same objects; references across folders are literal ids
    // named in the file's header.
    let (_, seg) = &exports[1];
    let own = |k: &str| k.ends_with("/providers.tf") || k.ends_with("/variables.tf") || k == "providers.tf" || k == "variables.tf";
    let seg_tf: Vec<&String> = seg.keys().filter(|k| k.ends_with(".tf") && !own(k)).collect();
    assert!(seg_tf.iter().all(|k| k.starts_with("workspace/")), "{seg_tf:?}");
    assert!(!seg.contains_key("workspace/providers.tf"), "the top of the export is not a root");
    assert_eq!(seg_tf.len(), flat.keys().filter(|k| k.ends_with(".tf") && !own(k)).count(), "both layouts hold the same objects");
    for folder in ["sources", "destinations", "warehouses", "functions", "destination_filters", "tracking_plans", "labels"] {
        assert!(seg_tf.iter().any(|k| k.starts_with(&format!("workspace/{folder}/"))), "no {folder}/ folder");
        assert!(seg.contains_key(&format!("workspace/{folder}/providers.tf")), "{folder}/ is not a root");
    }
    let projects = seg.get("workspace/atlantis.yaml").expect("atlantis.yaml");
    assert!(projects.contains("    dir: workspace/sources\n"), "{projects}");
    let is_ref = |l: &str| l.contains("= segment_") && l.trim_end().ends_with(".id");
    let refs = seg.values().flat_map(|t| t.lines()).filter(|l| is_ref(l)).count();
    assert_eq!(refs, 0, "references reach only within a folder, and no kind refers to its own");
    assert!(seg.values().any(|t| t.contains("# Refers by id to Source ")), "a literal id across folders is named");
    assert!(flat.values().flat_map(|t| t.lines()).any(is_ref), "the default layout refers to exported objects");
    // Every file of both layouts is `terraform fmt` clean with the real Terraform.
    for (name, files) in &exports {
        let d = tmp.path().join(format!("fmt-{name}"));
        for (rel, text) in files {
            let p = d.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        }
        let out = Command::new(e2e::terraform()).args(["fmt", "-check", "-recursive", "-no-color"]).current_dir(&d).output().expect("fmt");
        assert!(out.status.success(), "{name}: not fmt clean: {}", String::from_utf8_lossy(&out.stdout));
    }
    for (name, files) in &exports {
        assert_golden(name, files);
    }
}

/// Pieces strings are made of: everything HCL gives a meaning to, and unicode that NFC leaves
/// alone (Terraform normalizes string literals to NFC).
fn piece() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        3 => "[a-zA-Z0-9 _.-]{1,6}",
        1 => prop::sample::select(vec![
            "${", "$${", "$$${", "%{", "%%{", "${a}", "%{ if true }x%{ endif }", "$", "%", "{", "}", "\"", "\\", "\\n", "\\\"",
            "\n", "\r\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{2029}", "\u{200b}",
            "é", "ß", "Ω", "Й", "日本語", "한국어", "🎉", "👩‍💻", "\u{10ffff}", "<b>&amp;</b>", "//", "#", "/*", "*/", "<<EOT",
        ])
        .prop_map(str::to_string),
        1 => prop::char::ranges(vec!['\u{c0}'..='\u{ff}', '\u{4e00}'..='\u{4fff}', '\u{1f300}'..='\u{1f5ff}', '\u{ac00}'..='\u{ad00}'].into())
            .prop_map(String::from),
    ]
}

/// Arbitrary strings, rendered as the exporter renders them (quoted literals, heredocs for
/// multi-line text, inside `jsonencode`, also as object keys), come back from the real Terraform
/// as the same value, and the file is `terraform fmt` clean.
#[test]
fn arbitrary_strings_survive_render_then_terraform() {
    use proptest::strategy::{Strategy, ValueTree};
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strat = proptest::collection::vec(piece(), 0..8).prop_map(|v| v.concat());
    let mut cases: Vec<String> = (0..300).map(|_| strat.new_tree(&mut runner).expect("case").current()).collect();
    cases.extend(["", "for", "null", "true", "in", "if", "false", "${", "a-b", "1abc", "-x"].map(str::to_string));
    // Multi-line text from the random pieces (heredocs when they can carry it).
    let joined: Vec<String> = (0..60).map(|i| format!("{}\n{}\n", cases[i], cases[i + 60])).collect();
    cases.extend(joined);
    // Function code as people write it: with and without a final newline, templates, blank and
    // indented lines, a line that reads like the heredoc's delimiter.
    cases.extend(
        [
            "async function onTrack(event, settings) {\n  const url = `${settings.base}/x`;\n\n  return event;\n}\n",
            "function f() {\n  return '%{ not a directive }';\n}",
            "EOT\n  EOT\nEOT1\n",
            "\n",
            "a\n\n\n",
            "\\n literal backslash-n\nend",
        ]
        .map(str::to_string),
    );
    let mut tf = String::new();
    let mut object = serde_json::Map::new();
    for (i, s) in cases.iter().enumerate() {
        tf.push_str(&format!("output \"s{i}\" {{\n  value = {}\n}}\n", segsync_export::render::quote(s)));
        if let Some(doc) = segsync_export::render::heredoc(s, 1) {
            tf.push_str(&format!("output \"h{i}\" {{\n  value = {doc}\n}}\n"));
        }
        object.insert(s.clone(), serde_json::json!([s, i]));
    }
    let json = serde_json::Value::Object(object);
    tf.push_str(&format!("output \"json\" {{\n  value = {}\n}}\n", segsync_export::render::jsonencode(&json, 1)));
    let w = e2e::Workdir::dev(&[]);
    w.write("main.tf", &tf);
    let fmt = w.run(&["fmt", "-check", "-diff", "-no-color"]);
    assert_eq!(fmt.code, 0, "rendered strings are not fmt clean:\n{}", fmt.all());
    w.ok(&["init", "-no-color", "-input=false"]);
    w.ok(&["apply", "-no-color", "-auto-approve", "-input=false"]);
    let out: serde_json::Value = serde_json::from_str(&w.ok(&["output", "-json"]).stdout).expect("output json");
    let mut wrong = Vec::new();
    for (i, s) in cases.iter().enumerate() {
        let got = out[format!("s{i}")]["value"].as_str().unwrap_or("<missing>");
        if got != s {
            wrong.push(format!("{s:?} rendered {} came back {got:?}", segsync_export::render::quote(s)));
        }
        if let Some(doc) = segsync_export::render::heredoc(s, 1) {
            let got = out[format!("h{i}")]["value"].as_str().unwrap_or("<missing>");
            if got != s {
                wrong.push(format!("{s:?} rendered as a heredoc {doc:?} came back {got:?}"));
            }
        }
    }
    let heredocs = cases.iter().filter(|s| segsync_export::render::heredoc(s, 1).is_some()).count();
    assert!(heredocs >= 20, "only {heredocs} cases were heredocs");
    assert!(wrong.is_empty(), "{} of {} strings changed:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
    let back: serde_json::Value = serde_json::from_str(out["json"]["value"].as_str().expect("json string")).expect("valid JSON");
    assert_eq!(back, json, "jsonencode(render(x)) is not x");
}

/// The commands Atlantis runs (`init -input=false`, `plan -input=false -out=…`, `apply` of that
/// plan file) on an exported repository holding `examples/atlantis/atlantis.yaml`: adoption (imports
/// only), then a pull request's change, planned and applied from the plan file.
#[test]
fn atlantis_workflow_on_an_exported_repository() {
    let b = Backend::start();
    b.seed(40, 9);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    let url = repo.display().to_string();
    let out = export_once(&b, &url, &tmp.path().join("work"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The team adds atlantis.yaml; the exporter leaves it alone on its next full sync.
    let team = checkout(&url, &tmp.path().join("team"));
    let atlantis_yaml = std::fs::read_to_string(e2e::repo_root().join("examples/atlantis/atlantis.yaml")).expect("atlantis.yaml");
    assert!(atlantis_yaml.contains("version: 3") && atlantis_yaml.contains("dir: ."));
    std::fs::write(team.join("atlantis.yaml"), &atlantis_yaml).expect("write");
    git(&team, &["add", "atlantis.yaml"]);
    git(&team, &["commit", "-q", "-m", "Add atlantis.yaml"]);
    git(&team, &["push", "-q", "origin", "main"]);
    let js = b.source_metadata_id("javascript");
    b.block(b.client.create_source(&CreateSourceInput { slug: "late".into(), enabled: true, metadata_id: js, ..Default::default() }))
        .expect("create");
    let out = export_once(&b, &url, &tmp.path().join("work"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = checkout(&url, &tmp.path().join("co"));
    assert_eq!(std::fs::read_to_string(co.join("atlantis.yaml")).expect("kept"), atlantis_yaml);

    // Atlantis's plan and apply on the adoption pull request: imports only.
    let w = terraform_over(&b, &co);
    w.ok(&["init", "-input=false", "-no-color"]);
    let plan = w.ok(&["plan", "-input=false", "-no-color", "-out=atlantis.tfplan"]);
    assert!(plan.stdout.contains("0 to add, 0 to change, 0 to destroy"), "{}", plan.stdout);
    w.ok(&["apply", "-input=false", "-no-color", "atlantis.tfplan"]);
    w.assert_plan_empty();

    // A pull request renames a source; Atlantis plans exactly that and applies the plan file.
    let file = std::fs::read_dir(w.path())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("resource \"segment_source\"")))
        .min()
        .expect("a source file");
    let text = std::fs::read_to_string(&file).expect("read");
    let id = text.lines().find_map(|l| l.trim().strip_prefix("id = \"")).map(|s| s.trim_end_matches('"').to_string()).expect("id");
    let name_line = text.lines().find(|l| l.trim_start().starts_with("name ")).expect("name line").to_string();
    let renamed = text.replace(&name_line, "  name = \"Renamed in a pull request\"");
    std::fs::write(&file, renamed).expect("write");
    let plan = w.ok(&["plan", "-input=false", "-no-color", "-out=atlantis.tfplan"]);
    assert!(plan.stdout.contains("0 to add, 1 to change, 0 to destroy"), "{}", plan.stdout);
    w.ok(&["apply", "-input=false", "-no-color", "atlantis.tfplan"]);
    let src = b.block(b.client.get_source(&id)).expect("source").source;
    assert_eq!(src.name.as_deref(), Some("Renamed in a pull request"));
    w.assert_plan_empty();
    // After the merge, the exporter's next reconcile writes the same file the pull request did.
    let out = export_once(&b, &url, &tmp.path().join("work"));
    assert!(out.status.success());
    let after = checkout(&url, &tmp.path().join("after"));
    let exported = std::fs::read_to_string(after.join(file.file_name().expect("name"))).expect("exported");
    assert!(exported.contains("\"Renamed in a pull request\""), "{exported}");
}

/// On a terminal, a full sync draws a progress bar on stderr; without one, it only logs.
#[test]
fn progress_bar_on_a_terminal_only() {
    let b = Backend::start();
    b.seed(30, 4);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    // `script` gives the exporter a pseudo-terminal; its output is the terminal's transcript.
    let cmd = format!(
        "{} --once --repo {} --workdir {}",
        sibling_binary("segsync-export").display(),
        repo.display(),
        tmp.path().join("work-tty").display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("PUBLIC_API_URL", &b.url)
        .env("PUBLIC_API_TOKEN", &b.token)
        .output()
        .expect("script (util-linux)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let tty = String::from_utf8_lossy(&out.stdout);
    assert!(tty.contains("writing files") && tty.contains("[###"), "no progress bar on the terminal: {tty}");
    assert!(!tty.contains(&b.token));
    let out = exporter(&b, &repo.display().to_string(), &tmp.path().join("work-pipe"), &["--once"]).output().expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("[###") && !err.contains('\r'), "a progress bar without a terminal: {err}");
    assert!(err.contains("workspace read"), "structured logs without a terminal: {err}");
    assert!(!err.contains('\u{1b}'), "no colour codes without a terminal: {err}");
    // A full sync says what it committed and that it pushed.
    assert!(err.contains("committed") && err.contains("commit=") && err.contains("summary=\"Full sync: "), "{err}");
    assert!(err.contains("pushed"), "{err}");
    // JSON lines on request.
    let out = exporter(&b, &repo.display().to_string(), &tmp.path().join("work-pipe"), &["--once", "--log-format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.trim().is_empty());
    for line in err.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        assert!(v["level"].is_string() && v["fields"]["message"].is_string(), "{line}");
    }
}

/// The remote going away in watch mode is a blip, not the end: the exporter keeps running,
/// retries with backoff, and pushes the change once the remote is back.
#[test]
fn watch_survives_the_remote_being_down_for_a_while() {
    let b = Backend::start();
    let src = web_source(&b);
    let tmp = tempfile::tempdir().expect("tmp");
    let base = tmp.path().join("srv");
    bare_repo(&base, "ws.git");
    let daemon = git_daemon(&base);
    let port = daemon.port;
    let url = format!("git://127.0.0.1:{port}/ws.git");
    let log_path = tmp.path().join("export.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let mut child = exporter(&b, &url, &tmp.path().join("work"), &["--watch", "--interval", "200ms"])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("watch");
    wait_for("the first full sync", Duration::from_secs(60), &log_path, || {
        subjects(&url, tmp.path()).iter().any(|s| s.starts_with("Full sync"))
    });
    drop(daemon);
    b.block(b.client.update_source(&src.id, &UpdateSourceInput { name: Some("While down".into()), ..Default::default() })).expect("rename");
    wait_for("a failed push to be retried", Duration::from_secs(30), &log_path, || {
        std::fs::read_to_string(&log_path).unwrap_or_default().contains("retrying from the remote")
    });
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "the exporter exited: {}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );
    let _daemon = e2e::gitserver::git_daemon_at(&base, port);
    let want = format!("Source 'While down' ({}) modified by terraform@example.com", src.id);
    wait_for("the change after the remote came back", Duration::from_secs(60), &log_path, || {
        subjects(&url, tmp.path()).iter().any(|s| s.starts_with(&want))
    });
    // The outage logs say what is true: a failure count that rises while the remote is away,
    // and "answer again" once, after it is back.
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    assert!(text.contains("failures=2"), "{text}");
    assert_eq!(text.matches("answer again").count(), 1, "{text}");
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    assert!(child.wait().expect("wait").success());
}

/// Segment's feed speaks other phrases than the twin: "Integrations Modified" with
/// `resourceType` "Integrations", a filter named by its own id, events that change no
/// configuration ("Warehouse Run Failed"), and events no table knows. The watch maps the first
/// two to objects, skips the third, and reconciles on the last. (The changes are made in the
/// store with only the real-vocabulary event, so nothing else could reveal them.)
#[test]
fn watch_understands_segments_vocabularies_and_reconciles_on_unknown_events() {
    use segsync_server::ops::destinations::DestinationRec;
    use segsync_server::records::SourceRec;
    use segsync_server::store::{kind, Actor};

    let b = Backend::start();
    let src = b
        .block(b.client.create_source(&CreateSourceInput {
            slug: "web".into(),
            enabled: true,
            metadata_id: b.source_metadata_id("javascript"),
            ..Default::default()
        }))
        .expect("source");
    let dest = b
        .block(b.client.create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: b.destination_metadata_id("webhooks"),
            name: Some("Hooks".into()),
            settings: Settings::new(),
            ..Default::default()
        }))
        .expect("dest");
    let filter = b
        .block(b.client.create_filter(
            &dest.id,
            &CreateFilterInput {
                source_id: src.id.clone(),
                condition: "type = \"track\"".into(),
                actions: vec![FilterAction { kind: "DROP".into(), ..Default::default() }],
                title: "Only tracks".into(),
                description: None,
                enabled: true,
            },
        ))
        .expect("filter");
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    let log_path = tmp.path().join("export.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let mut child =
        exporter(&b, &repo, &work, &["--watch", "--interval", "200ms"]).stdout(Stdio::null()).stderr(log).spawn().expect("watch");
    wait_for("the first full sync", Duration::from_secs(60), &log_path, || {
        subjects(&repo, tmp.path()).iter().any(|s| s.starts_with("Full sync"))
    });
    let flat = checkout(&repo, &tmp.path().join("first"));
    let filter_file = std::fs::read_dir(&flat)
        .expect("export")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("destination_filter_") && n.contains(&filter.id))
        .expect("the filter's file");

    let actor = Actor { name: "ada@example.com".into(), email: Some("ada@example.com".into()) };
    let db = &b.state.db;
    b.block(async {
        // Renamed, reported as Segment's docs word it.
        let mut tx = db.write(actor.clone()).await.expect("tx");
        let mut d: DestinationRec = tx.must(kind::DESTINATION, &dest.id, "Destination").await.expect("dest");
        d.name = Some("Webhooks (prod)".into());
        tx.put(&d).await.expect("put");
        tx.audit("Integrations Modified", "Integrations", &dest.id, "Webhooks (prod)").await.expect("event");
        // A run: no configuration changed.
        tx.audit("Warehouse Run Failed", "Warehouses", "wh-1", "Snowflake").await.expect("event");
        // The filter deleted, named by its own id as the SDK's vocabulary does.
        tx.delete(kind::FILTER, &filter.id).await.expect("delete");
        tx.audit("Destination Filter Deleted", "Destination Filters", &filter.id, "Only tracks").await.expect("event");
        tx.commit().await.expect("commit");
    });
    wait_for("the rename and the deletion", Duration::from_secs(60), &log_path, || {
        let s = subjects(&repo, tmp.path());
        s.iter().any(|x| x.starts_with(&format!("Destination 'Webhooks (prod)' ({}) modified by ada@example.com", dest.id)))
            && s.iter()
                .any(|x| x.starts_with(&format!("Destination filter 'Only tracks' ({}:{}) deleted by ada@example.com", dest.id, filter.id)))
    });
    let co = checkout(&repo, &tmp.path().join("second"));
    assert!(std::fs::read_to_string(co.join(format!("destination_{}.tf", dest.id))).expect("dest file").contains("Webhooks (prod)"));
    assert!(!co.join(&filter_file).exists(), "the filter named by its own id was found and removed");
    let s = subjects(&repo, tmp.path());
    assert!(!s.iter().any(|x| x.contains("Run Failed") || x.contains("wh-1")), "a run changes no configuration: {s:#?}");

    // An event no table knows: the watch reads everything rather than guess.
    b.block(async {
        let mut tx = db.write(actor.clone()).await.expect("tx");
        let mut r: SourceRec = tx.must(kind::SOURCE, &src.id, "Source").await.expect("source");
        r.name = Some("Website".into());
        tx.put(&r).await.expect("put");
        tx.audit("Space Created", "Spaces", "spa_1", "Personas").await.expect("event");
        tx.commit().await.expect("commit");
    });
    wait_for("a reconcile", Duration::from_secs(60), &log_path, || {
        let co = checkout(&repo, &tmp.path().join(format!("peek-src-{}", rand_nanos())));
        std::fs::read_to_string(co.join(format!("source_{}.tf", src.id))).unwrap_or_default().contains("Website")
    });
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
}

fn alice(b: &Backend) -> segsync_api::Client {
    let token = b
        .block(segsync_server::auth::create_token(&b.state.db.pool, "alice", segsync_server::auth::Scope::Admin, Some("alice@example.com")))
        .expect("token");
    segsync_api::Client::new(&b.url, segsync_api::Token::new(&token)).expect("client")
}

/// A scheduled `--once` after changes replays the audit events since the last run as commits by
/// their actors — a connection reported as `Source Modified` on the source included: that event
/// leaves the source's file as it is, so the source's connections are read — reading only what
/// the events name; a full read then finds nothing else, so no "Full sync" commit follows.
#[test]
fn once_replays_events_since_the_last_run_as_attributed_commits() {
    let b = Backend::start();
    let src = web_source(&b);
    let plan = b
        .block(b.client.create_tracking_plan(&CreateTrackingPlanInput { name: "Plan".into(), description: None, kind: "LIVE".into() }))
        .expect("plan");
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    let out = export_once(&b, &repo, &work);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = subjects(&repo, tmp.path()).len();

    let a = alice(&b);
    b.block(a.update_source(&src.id, &UpdateSourceInput { name: Some("Website".into()), ..Default::default() })).expect("rename");
    b.block(a.add_source_to_tracking_plan(&plan.id, &src.id)).expect("connect");
    let out = export_once(&b, &repo, &work);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = subjects(&repo, tmp.path());
    let new: Vec<&String> = s.iter().skip(before).collect();
    // Each event re-reads its object as it is now: the rename's changes the source's file; the
    // connection's changes nothing there, so it reads the source's connections.
    let by_alice = format!("Source 'Website' ({}) modified by alice@example.com|alice@example.com|alice@example.com", src.id);
    assert_eq!(new, [&by_alice, &by_alice], "{s:#?}");
    let co = checkout(&repo, &tmp.path().join("co"));
    let shown = git(&co, &["show", "--name-only", "--format=%an", "HEAD"]);
    assert!(shown.contains("source_tracking_plan_connection_"), "the connection came with the event on its source: {shown}");
    assert!(!shown.contains(&format!("source_{}.tf", src.id)), "the source's own file came with the rename: {shown}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("read only what the audit events name"), "{stderr}");
    // The same changes removed: the connection's file goes with the event on the source.
    b.block(a.remove_source_from_tracking_plan(&plan.id, &src.id)).expect("disconnect");
    assert!(export_once(&b, &repo, &work).status.success());
    let co = checkout(&repo, &tmp.path().join("co"));
    let shown = git(&co, &["show", "--name-status", "--format=%an", "HEAD"]);
    assert!(shown.starts_with("alice") && shown.contains("D\tsource_tracking_plan_connection_"), "{shown}");
    // A full read finds what the events wrote: no "Full sync" commit.
    let s = subjects(&repo, tmp.path());
    std::thread::sleep(Duration::from_millis(1100));
    let out = exporter(&b, &repo, &work, &["--once", "--full-sync-every", "1s"]).output().expect("full");
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("read only what"), "a full read this time");
    assert_eq!(subjects(&repo, tmp.path()), s);
    // The event's id and time are trailers git reads as such, beside the feed position.
    let trailers = git(&co, &["log", "-1", "--format=%(trailers:only,unfold)"]);
    let keys: Vec<&str> = trailers.lines().filter_map(|l| l.split_once(": ").map(|(k, _)| k)).collect();
    assert_eq!(keys, ["Segment-Event-Id", "Segment-Event-Time", "Segsync-Audit-Position"], "{trailers}");
    let time = trailers.lines().find_map(|l| l.strip_prefix("Segment-Event-Time: ")).unwrap_or_default();
    assert!(trailers.contains(&format!("Segsync-Audit-Position: {time}")), "the position is the event's time: {trailers}");
    assert!(std::fs::read_to_string(co.join(format!("source_{}.tf", src.id))).expect("file").contains("Website"));
    // Nothing happened since: a third run commits nothing.
    assert!(export_once(&b, &repo, &work).status.success());
    assert_eq!(subjects(&repo, tmp.path()).len(), s.len());
}

/// After a recent full read, a scheduled `--once` reads only what the audit events name: k
/// renames of sources and destinations in a seeded workspace cost at most 2k + 3 requests and
/// give the files a full read gives (the full read that follows, once the last one is older
/// than `--full-sync-every`, commits nothing).
#[test]
fn once_after_a_recent_full_read_reads_only_what_the_events_name() {
    let b = Backend::start();
    b.seed(300, 11);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    let run = |name: &str, extra: &[&str]| {
        let log = tmp.path().join(name);
        let out = exporter(&b, &repo, &work, &[&["--once"], extra].concat()).env("SEGSYNC_CONTRACT_LOG", &log).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (e2e::requests_logged(&log), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (full, _) = run("full", &[]);
    let before = subjects(&repo, tmp.path());
    let a = alice(&b);
    let sources = b.block(b.client.list_sources()).expect("sources");
    let destinations = b.block(b.client.list_destinations()).expect("destinations");
    for (i, s) in sources.iter().take(2).enumerate() {
        b.block(a.update_source(&s.id, &UpdateSourceInput { name: Some(format!("Renamed source {i}")), ..Default::default() }))
            .expect("rename");
    }
    let d = &destinations[0];
    b.block(a.update_destination(&d.id, &UpdateDestinationInput { name: Some(Some("Renamed destination".into())), ..Default::default() }))
        .expect("rename");
    let (incremental, log) = run("incremental", &[]);
    assert!(log.contains("read only what the audit events name"), "{log}");
    assert!(incremental <= 2 * 3 + 3, "{incremental} requests for 3 renames (a full read made {full})");
    let after = subjects(&repo, tmp.path());
    let new: Vec<&String> = after.iter().skip(before.len()).collect();
    assert_eq!(new.len(), 3, "{new:#?}");
    assert!(new.iter().all(|s| s.contains("modified by alice@example.com|alice@example.com")), "{new:#?}");
    assert!(new[2].starts_with(&format!("Destination 'Renamed destination' ({})", d.id)), "{new:#?}");
    // Nothing since: the next run asks for the audit trail and little else.
    let (quiet, _) = run("quiet", &[]);
    assert!(quiet <= 3, "{quiet} requests with nothing to do");
    // Once the last full read is older than --full-sync-every: a full read, nothing more to commit.
    std::thread::sleep(Duration::from_millis(1100));
    let (again, log) = run("again", &["--full-sync-every", "1s"]);
    assert!(!log.contains("read only what"), "{log}");
    assert!(again * 2 > full, "a full read: {again} requests (the first made {full})");
    assert_eq!(subjects(&repo, tmp.path()), after, "the incremental run left what a full read writes");
    eprintln!("requests: full read {full}, 3 renames {incremental}, nothing to do {quiet}, full again {again}");
}

/// A workspace without the audit trail (403): `--once` and `--watch` compare snapshots, and the
/// commits name the objects that changed.
#[test]
fn without_the_audit_trail_changes_are_found_by_comparing_snapshots() {
    let audit = segsync_server::state::AuditTrail { available: false, ..Default::default() };
    let b = Backend::start_with(segsync_server::Config { audit, ..Default::default() });
    let src = web_source(&b);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    let out = export_once(&b, &repo, &work);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no audit trail"));
    let log_path = tmp.path().join("export.log");
    let mut child = exporter(&b, &repo, &work, &["--watch", "--interval", "300ms"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).expect("log"))
        .spawn()
        .expect("watch");
    b.block(b.client.update_source(&src.id, &UpdateSourceInput { name: Some("Website".into()), ..Default::default() })).expect("rename");
    let want = format!("Full sync: Source 'Website' ({}) modified", src.id);
    wait_for("the snapshot comparison", Duration::from_secs(60), &log_path, || {
        subjects(&repo, tmp.path()).iter().any(|s| s.starts_with(&format!("{want}|segsync-export|")))
    });
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    assert!(child.wait().expect("wait").success());
    let co = checkout(&repo, &tmp.path().join("co"));
    assert!(!git(&co, &["log", "--format=%B"]).contains("Segsync-Audit-Position"), "no feed, no position");
}

/// Server clocks that disagree (events stamped up to a second early, so they appear after later-
/// stamped ones were read) and events sharing a timestamp: the time-window follower commits
/// each change once. A last run older than the retention reconciles instead of replaying.
#[test]
fn watch_follows_skewed_timestamps_once_each_and_reconciles_after_the_retention() {
    let audit = segsync_server::state::AuditTrail { clock_skew: Some(Duration::from_millis(1000)), ..Default::default() };
    let b = Backend::start_with(segsync_server::Config { audit, ..Default::default() });
    let js = b.source_metadata_id("javascript");
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    let log_path = tmp.path().join("export.log");
    let mut child = exporter(&b, &repo, &work, &["--watch", "--interval", "100ms"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).expect("log"))
        .spawn()
        .expect("watch");
    wait_for("the first full sync", Duration::from_secs(60), &log_path, || {
        subjects(&repo, tmp.path()).iter().any(|s| s.starts_with("Full sync"))
    });
    // Past the skew of what the full sync read (events stamped before what it read reach the
    // files with the next full sync, unattributed).
    std::thread::sleep(Duration::from_millis(1200));
    let mut ids = Vec::new();
    for i in 0..20 {
        let s = b
            .block(b.client.create_source(&CreateSourceInput {
                slug: format!("s{i}"),
                enabled: true,
                metadata_id: js.clone(),
                ..Default::default()
            }))
            .expect("create");
        ids.push(s.id);
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_for("twenty creations", Duration::from_secs(60), &log_path, || {
        subjects(&repo, tmp.path()).iter().filter(|s| s.contains(" created by ")).count() >= 20
    });
    std::thread::sleep(Duration::from_millis(1500));
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    assert!(child.wait().expect("wait").success());
    let s = subjects(&repo, tmp.path());
    for id in &ids {
        assert_eq!(s.iter().filter(|x| x.starts_with("Source '") && x.contains(&format!("({id}) created"))).count(), 1, "{s:#?}");
    }
    // The last run is now older than a (test-sized) retention: reconcile, attributed to the
    // exporter, instead of replaying events that may be gone.
    b.block(b.client.update_source(&ids[0], &UpdateSourceInput { name: Some("Renamed".into()), ..Default::default() })).expect("rename");
    std::thread::sleep(Duration::from_millis(2200));
    let out = exporter(&b, &repo, &work, &["--once", "--audit-retention", "2s"]).output().expect("once");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("older than the audit trail keeps"), "{}", String::from_utf8_lossy(&out.stderr));
    let last = subjects(&repo, tmp.path()).pop().unwrap_or_default();
    assert!(last.starts_with(&format!("Full sync: Source 'Renamed' ({}) modified|segsync-export|", ids[0])), "{last}");
}

/// `--dry-run` shows what a run would commit — the attributed commits and the files — and
/// `--dry-run=diff` the diff, without pushing and without creating or touching the working copy.
#[test]
fn dry_run_shows_what_would_be_committed_and_pushes_nothing() {
    let b = Backend::start();
    let src = web_source(&b);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    // Into an empty repository: every file would be added.
    let out = exporter(&b, &repo, &work, &["--dry-run"]).output().expect("dry run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Would commit:") && shown.contains(&format!("A\tsource_{}.tf", src.id)), "{shown}");
    assert!(subjects(&repo, tmp.path()).is_empty(), "nothing pushed");
    assert!(!work.exists(), "the working copy is not created");

    assert!(export_once(&b, &repo, &work).status.success());
    let before = subjects(&repo, tmp.path());
    let manifest = std::fs::read_to_string(work.join(".segsync/manifest.json")).expect("manifest");
    let a = alice(&b);
    b.block(a.update_source(&src.id, &UpdateSourceInput { name: Some("Website".into()), ..Default::default() })).expect("rename");
    let out = exporter(&b, &repo, &work, &["--dry-run=diff"]).output().expect("dry run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains(&format!("Source 'Website' ({}) modified by alice@example.com (author: alice@example.com", src.id)), "{shown}");
    // Names live in the comment, the attribute and the message; ids in file names and
    // addresses: a rename changes one file in place (no move, no `moved` block, no replacement).
    let files: Vec<&str> = shown.lines().filter(|l| ["  A\t", "  M\t", "  D\t"].iter().any(|p| l.starts_with(p))).collect();
    assert_eq!(files, [format!("  M\tsource_{}.tf", src.id)], "{shown}");
    let changed: Vec<&str> = shown.lines().filter(|l| l.starts_with('+') && !l.starts_with("+++")).collect();
    assert_eq!(
        changed,
        [format!("+# Source 'Website' (slug web, {}): Javascript source", src.id).as_str(), "+  name = \"Website\""],
        "{shown}"
    );
    assert_eq!(subjects(&repo, tmp.path()), before, "nothing pushed");
    assert_eq!(std::fs::read_to_string(work.join(".segsync/manifest.json")).expect("manifest"), manifest, "the working copy as it was");
    assert!(!std::fs::read_to_string(work.join(format!("source_{}.tf", src.id))).expect("file").contains("Website"));
    // A real run afterwards commits exactly what the dry run showed.
    assert!(export_once(&b, &repo, &work).status.success());
    let after = subjects(&repo, tmp.path());
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after.last().is_some_and(|s| s.starts_with(&format!("Source 'Website' ({}) modified by alice@example.com", src.id))),
        "{after:#?}"
    );
}

/// `--split-by label:team` cuts the export into root modules — one per team, one for sources
/// without a team, one for workspace-wide objects — with an `atlantis.yaml` of one project per
/// root. Each root plans imports only and applies to an empty plan on its own (references across
/// roots are literal ids, named in the header); a change to one team's source changes files of
/// that root alone.
#[test]
fn split_by_label_writes_roots_that_each_import_cleanly_and_change_alone() {
    let b = Backend::start();
    b.seed(60, 5);
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git").display().to_string();
    let work = tmp.path().join("work");
    let out = exporter(&b, &repo, &work, &["--once", "--split-by", "label:team"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = checkout(&repo, &tmp.path().join("co"));
    let files = tree(&co);
    let roots: std::collections::BTreeSet<String> =
        files.keys().filter_map(|k| k.strip_suffix("/providers.tf")).map(str::to_string).collect();
    let want: std::collections::BTreeSet<String> =
        ["no_team", "team_core", "team_data", "team_growth", "workspace"].iter().map(|s| s.to_string()).collect();
    assert_eq!(roots, want, "{:?}", files.keys().collect::<Vec<_>>());
    assert!(!files.contains_key("providers.tf"), "the top is not a root");
    let atlantis = &files["atlantis.yaml"];
    for r in &roots {
        assert!(atlantis.contains(&format!("    dir: {r}\n")), "{atlantis}");
    }
    // A team's source refers to its label (workspace-wide) by literal id, and says where it is.
    let growth_source = files.iter().find(|(k, t)| k.starts_with("team_growth/source_") && t.contains("resource \"segment_source\""));
    let (path, text) = growth_source.expect("a growth source");
    assert!(text.contains("# Refers by id to Label team:growth, managed in the root workspace/."), "{path}:\n{text}");
    // Each root on its own: imports only, then an empty plan.
    for r in &roots {
        let w = terraform_over(&b, &co.join(r));
        w.ok(&["init", "-no-color", "-input=false"]);
        let n = std::fs::read_dir(co.join(r))
            .expect("root")
            .flatten()
            .filter(|f| f.file_name() != "providers.tf" && f.file_name() != "variables.tf")
            .count();
        let plan = w.ok(&["plan", "-no-color", "-input=false"]);
        assert!(plan.stdout.contains(&format!("{n} to import, 0 to add, 0 to change, 0 to destroy")), "{r}: {n} objects\n{}", plan.stdout);
        w.apply();
        w.assert_plan_empty();
    }
    // A rename of a growth source: one commit, files of one root.
    let id = path.trim_start_matches("team_growth/source_").trim_end_matches(".tf").to_string();
    let a = alice(&b);
    b.block(a.update_source(&id, &UpdateSourceInput { name: Some("Growth web".into()), ..Default::default() })).expect("rename");
    let out = exporter(&b, &repo, &work, &["--once", "--split-by", "label:team"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let co = checkout(&repo, &tmp.path().join("co2"));
    let changed = git(&co, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(changed.trim(), format!("team_growth/source_{id}.tf"), "{changed}");
}
