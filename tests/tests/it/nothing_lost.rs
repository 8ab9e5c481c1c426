//! `segsync-export` loses nothing: it works only in a working copy it owns, every point where it
//! can die (`kill -9`, a signal) is recovered by the next run, and bad input is one clear line.
//! The checks look at the remote's contents, not at the exporter's internals.

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use e2e::gitserver::{bare_repo, git};
use e2e::{sibling_binary, Backend};
use segsync_api::types::*;

use crate::export::{checkout, export_once, exporter, subjects, tree, wait_for};

/// The files on the remote's `main` (empty when it has none).
fn remote_tree(repo: &Path, tmp: &Path, name: &str) -> BTreeMap<String, String> {
    if git(repo, &["for-each-ref", "refs/heads/main"]).trim().is_empty() {
        return BTreeMap::new();
    }
    tree(&checkout(&repo.display().to_string(), &tmp.join(name)))
}

fn commits(repo: &Path) -> usize {
    if git(repo, &["for-each-ref", "refs/heads/main"]).trim().is_empty() {
        return 0;
    }
    git(repo, &["rev-list", "--count", "main"]).trim().parse().expect("count")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_workdir_the_exporter_does_not_own_is_refused_and_left_untouched() {
    let b = Backend::start();
    b.seed(20, 3);
    let tmp = tempfile::tempdir().expect("tmp");
    let remote = bare_repo(tmp.path(), "ws.git");
    let url = remote.display().to_string();
    let unreachable = tmp.path().join("nowhere.git").display().to_string();

    // A folder with someone's file in it, with the remote unreachable and reachable.
    let folder = tmp.path().join("folder");
    std::fs::create_dir_all(&folder).expect("dir");
    std::fs::write(folder.join("notes.txt"), "mine\n").expect("file");
    for repo in [&unreachable, &url] {
        let out = export_once(&b, repo, &folder);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(err.contains("not empty and not a git working copy") && err.contains("--workdir"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert_eq!(tree(&folder), BTreeMap::from([("notes.txt".to_string(), "mine\n".to_string())]));
        assert!(!folder.join(".git").exists());
    }

    // An unrelated git project with its own remote and commit.
    let theirs = bare_repo(tmp.path(), "theirs.git");
    let project = tmp.path().join("project");
    std::fs::create_dir_all(&project).expect("dir");
    git(&project, &["init", "-q", "-b", "main"]);
    git(&project, &["remote", "add", "origin", &theirs.display().to_string()]);
    std::fs::write(project.join("app.py"), "print('hi')\n").expect("file");
    git(&project, &["add", "app.py"]);
    git(&project, &["commit", "-q", "-m", "app"]);
    let head = git(&project, &["rev-parse", "HEAD"]);
    for repo in [&unreachable, &url] {
        let out = export_once(&b, repo, &project);
        assert!(!out.status.success());
        assert!(stderr(&out).contains("did not make for this remote"), "{}", stderr(&out));
        assert_eq!(git(&project, &["config", "--get", "remote.origin.url"]).trim(), theirs.display().to_string(), "origin kept");
        assert_eq!(git(&project, &["rev-parse", "HEAD"]), head);
        assert_eq!(std::fs::read_to_string(project.join("app.py")).expect("file"), "print('hi')\n");
        assert!(git(&project, &["status", "--porcelain"]).trim().is_empty(), "nothing changed in the project");
    }
    assert_eq!(commits(&remote), 0, "nothing was pushed to the export remote");

    // A regular file.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").expect("file");
    let out = export_once(&b, &url, &file);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("a file, not a directory"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "x");

    // Its own working copy is used again; one made for another branch or path is refused.
    let work = tmp.path().join("work");
    assert!(export_once(&b, &url, &work).status.success());
    assert_eq!(commits(&remote), 1);
    let out = exporter(&b, &url, &work, &["--once", "--branch", "prod"]).output().expect("run");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("the working copy of another export"), "{}", stderr(&out));
    let out = exporter(&b, &url, &work, &["--once", "--path", "segment"]).output().expect("run");
    assert!(!out.status.success());

    // A working copy of an earlier release (no claim, this export's manifest, same remote) is adopted.
    std::fs::remove_file(work.join(".git/segsync-export.json")).expect("claim");
    let out = export_once(&b, &url, &work);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(work.join(".git/segsync-export.json").exists());
    assert_eq!(commits(&remote), 1);
}

/// The exporter killed (as by `kill -9`) at each step of a sync: after some files are written,
/// half-way through, after all files, after the local commit, during the push. The next run
/// leaves the remote exactly as a fresh export would, with every change committed once.
#[test]
fn once_recovers_from_a_kill_at_every_step() {
    let b = Backend::start();
    b.seed(60, 5);
    let tmp = tempfile::tempdir().expect("tmp");
    let fresh = bare_repo(tmp.path(), "fresh.git");
    assert!(export_once(&b, &fresh.display().to_string(), &tmp.path().join("fresh-work")).status.success());
    let want = remote_tree(&fresh, tmp.path(), "fresh-co");
    let files = want.len();
    assert!(files > 40, "{files} files");

    let mut kills = 0;
    for point in ["file:1", &format!("file:{}", files / 2), "files-written", "commit", "push"] {
        let remote = bare_repo(tmp.path(), &format!("r-{}.git", point.replace(':', "-")));
        let url = remote.display().to_string();
        let work = tmp.path().join(format!("w-{}", point.replace(':', "-")));
        let mut first = exporter(&b, &url, &work, &["--once"]);
        first.stdout(Stdio::null()).stderr(Stdio::piped()).process_group(0);
        let status = if point == "push" {
            // The remote's hook holds the first push until the test has killed the exporter's
            // whole process group (git and the hook with it), as systemd's kill does.
            let marker = tmp.path().join(format!("{point}-pushing"));
            let hook = remote.join("hooks/pre-receive");
            std::fs::write(
                &hook,
                format!("#!/bin/sh\nif [ ! -e '{0}' ]; then touch '{0}'; sleep 60; fi\ncat >/dev/null\n", marker.display()),
            )
            .expect("hook");
            std::process::Command::new("chmod").args(["+x"]).arg(&hook).status().expect("chmod");
            let mut child = first.spawn().expect("spawn");
            let deadline = Instant::now() + Duration::from_secs(60);
            while !marker.exists() {
                assert!(Instant::now() < deadline, "the push never started");
                std::thread::sleep(Duration::from_millis(20));
            }
            Command::new("kill").args(["-s", "KILL", "--", &format!("-{}", child.id())]).status().expect("kill");
            child.wait().expect("wait")
        } else {
            first.env("SEGSYNC_TEST_CRASH_AT", point).spawn().expect("spawn").wait().expect("wait")
        };
        assert!(!status.success(), "{point}: the first run was not killed");
        kills += 1;
        if point == "push" || point == "commit" {
            assert_eq!(commits(&remote), 0, "{point}: nothing reached the remote before the kill");
        }
        let out = export_once(&b, &url, &work);
        assert!(out.status.success(), "{point}: {}", stderr(&out));
        assert_eq!(remote_tree(&remote, tmp.path(), &format!("co-{kills}")), want, "{point}: the remote differs from a fresh export");
        assert_eq!(commits(&remote), 1, "{point}: one full-sync commit, not two");
        assert!(git(&work, &["status", "--porcelain"]).trim().is_empty(), "{point}: the working copy is clean");
    }

    // A new object whose file was written when the exporter died reaches the remote next time.
    let src = b
        .block(b.client.create_source(&CreateSourceInput {
            slug: "late".into(),
            enabled: true,
            metadata_id: b.source_metadata_id("javascript"),
            ..Default::default()
        }))
        .expect("source");
    let remote = tmp.path().join("r-file-1.git");
    let url = remote.display().to_string();
    let work = tmp.path().join("w-file-1");
    // A full read (the last one is over a second old), killed after writing every file.
    std::thread::sleep(Duration::from_millis(1100));
    let st = exporter(&b, &url, &work, &["--once", "--full-sync-every", "1s"])
        .env("SEGSYNC_TEST_CRASH_AT", "files-written")
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(!st.success());
    assert!(work.join(format!("source_{}.tf", src.id)).exists(), "the file was written before the kill");
    assert!(export_once(&b, &url, &work).status.success());
    let got = remote_tree(&remote, tmp.path(), "co-late");
    assert!(got.contains_key(&format!("source_{}.tf", src.id)), "the new object's file reached the remote");
    assert_eq!(commits(&remote), 2);
    eprintln!("crash points recovered: {kills} kills, each followed by a run that matched a fresh export");
}

/// Watch mode killed after a local commit in a batch of changes: the restarted watch commits
/// every change exactly once.
#[test]
fn watch_killed_after_a_local_commit_commits_every_change_once() {
    let b = Backend::start();
    let js = b.source_metadata_id("javascript");
    let tmp = tempfile::tempdir().expect("tmp");
    let remote = bare_repo(tmp.path(), "ws.git");
    let url = remote.display().to_string();
    let work = tmp.path().join("work");
    assert!(export_once(&b, &url, &work).status.success());
    let mut ids = Vec::new();
    for i in 0..4 {
        let s = b
            .block(b.client.create_source(&CreateSourceInput {
                slug: format!("s{i}"),
                enabled: true,
                metadata_id: js.clone(),
                ..Default::default()
            }))
            .expect("source");
        ids.push(s.id);
    }
    // The second commit of the batch is the last thing it does.
    let st = exporter(&b, &url, &work, &["--watch", "--interval", "100ms"])
        .env("SEGSYNC_TEST_CRASH_AT", "commit:2")
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(!st.success(), "killed at its second commit");
    let log = tmp.path().join("watch.log");
    let mut child = exporter(&b, &url, &work, &["--watch", "--interval", "100ms"])
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("watch");
    wait_for("the four creations", Duration::from_secs(60), &log, || {
        subjects(&url, tmp.path()).iter().filter(|s| s.contains(" created by ")).count() >= 4
    });
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(child.wait().expect("wait").success());
    let s = subjects(&url, tmp.path());
    for id in &ids {
        assert_eq!(s.iter().filter(|x| x.starts_with("Source '") && x.contains(&format!("({id}) created by"))).count(), 1, "{s:#?}");
    }
    // What watch mode wrote is what a fresh export writes (the feed position aside).
    let fresh = bare_repo(tmp.path(), "fresh.git");
    assert!(export_once(&b, &fresh.display().to_string(), &tmp.path().join("fresh-work")).status.success());
    let strip = |t: BTreeMap<String, String>| t;
    assert_eq!(strip(remote_tree(&remote, tmp.path(), "a")), strip(remote_tree(&fresh, tmp.path(), "b")));
}

/// SIGTERM at 0, 50 and 500 ms and in the middle of a sync: exit 0 with one line saying so (or
/// 143 when it arrives before the exporter has begun), never a partial commit; the next run
/// completes the export.
#[test]
fn sigterm_at_any_moment_ends_cleanly_and_the_next_run_completes() {
    let b = Backend::start();
    b.seed(200, 9);
    let tmp = tempfile::tempdir().expect("tmp");
    let fresh = bare_repo(tmp.path(), "fresh.git");
    assert!(export_once(&b, &fresh.display().to_string(), &tmp.path().join("fresh-work")).status.success());
    let want = remote_tree(&fresh, tmp.path(), "fresh-co");
    let mut outcomes = Vec::new();
    for (i, when) in ["0ms", "50ms", "500ms", "mid-sync"].iter().enumerate() {
        let remote = bare_repo(tmp.path(), &format!("r{i}.git"));
        let url = remote.display().to_string();
        let work = tmp.path().join(format!("w{i}"));
        let log = tmp.path().join(format!("log{i}"));
        let mut child = exporter(&b, &url, &work, &["--once"]).stderr(std::fs::File::create(&log).expect("log")).spawn().expect("spawn");
        match *when {
            "mid-sync" => wait_for("the workspace read", Duration::from_secs(60), &log, || {
                std::fs::read_to_string(&log).unwrap_or_default().contains("workspace read")
            }),
            d => std::thread::sleep(Duration::from_millis(d.trim_end_matches("ms").parse().expect("ms"))),
        }
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
        let st = child.wait().expect("wait");
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        use std::os::unix::process::ExitStatusExt;
        let code = st.code().or(st.signal().map(|s| 128 + s)).expect("status");
        assert!(code == 0 || (code == 143 && text.is_empty()), "{when}: exit {code}: {text}");
        if code == 0 && !text.contains("export done") {
            assert_eq!(text.matches("stopped;").count(), 1, "{when}: one line says it stopped: {text}");
        }
        // No partial commit: the remote has nothing, or the whole export.
        let got = remote_tree(&remote, tmp.path(), &format!("co{i}"));
        assert!(got.is_empty() || got == want, "{when}: a partial export reached the remote");
        let out = export_once(&b, &url, &work);
        assert!(out.status.success(), "{when}: {}", stderr(&out));
        assert_eq!(remote_tree(&remote, tmp.path(), &format!("co{i}b")), want, "{when}");
        outcomes.push(format!("{when}: exit {code}"));
    }
    eprintln!("{}", outcomes.join(", "));
}

/// Bad durations and other user errors: one line on stderr, no backtrace, whatever
/// RUST_BACKTRACE says.
#[test]
fn bad_input_is_one_clear_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bin = sibling_binary("segsync-export");
    let base = ["--repo", "/nonexistent/ws.git", "--token", "t", "--url", "http://127.0.0.1:9"];
    let cases: &[(&[&str], &str)] = &[
        (&["--watch", "--interval", "0"], "out of range"),
        (&["--watch", "--interval", "4611686018427387904m"], "out of range"),
        (&["--watch", "--interval", "99ms"], "from 100ms to 1h"),
        (&["--watch", "--full-sync-every", "999999999999999999h"], "out of range"),
        (&["--watch", "--interval", "5 parsecs"], "unit"),
        (&[], "say --once"),
    ];
    for (args, want) in cases {
        let out = Command::new(&bin).args(base).args(*args).env("RUST_BACKTRACE", "1").output().expect("run");
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("backtrace") && !err.contains("Caused by"), "{args:?}: {err}");
    }
    // An unreachable API: one line that says what was being done.
    let out = Command::new(&bin)
        .args(base)
        .args(["--once", "--workdir"])
        .arg(tmp.path().join("w"))
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run");
    let err = stderr(&out);
    assert!(!out.status.success());
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.starts_with("segsync-export: error: reaching the workspace at http://127.0.0.1:9"), "{err}");
}
