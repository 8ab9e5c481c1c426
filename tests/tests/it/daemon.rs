//! `segsync-export --watch --listen`: `/healthz` and `/metrics` that follow what the daemon does,
//! against a real git remote that goes away and comes back.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use e2e::gitserver::{bare_repo, free_port, git_daemon, git_daemon_at};
use e2e::Backend;
use segsync_api::types::*;

use crate::export::{exporter, subjects, wait_for, web_source};

/// (status code, body) of a GET.
fn get(port: u16, path: &str) -> (u16, String) {
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return (0, String::new()) };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let code = out.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (code, out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

/// One sample of a metric (with its labels, if any) from Prometheus text.
fn sample(metrics: &str, name: &str) -> Option<f64> {
    metrics.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(' ')).and_then(|v| v.trim().parse().ok()))
}

#[test]
fn health_and_metrics_follow_the_api_and_the_remote() {
    let b = Backend::start();
    b.seed(20, 3);
    let src = web_source(&b);
    let tmp = tempfile::tempdir().expect("tmp");
    let base = tmp.path().join("srv");
    bare_repo(&base, "ws.git");
    let daemon = git_daemon(&base);
    let git_port = daemon.port;
    let url = format!("git://127.0.0.1:{git_port}/ws.git");
    let port = free_port();
    let log_path = tmp.path().join("export.log");
    let mut child =
        exporter(&b, &url, &tmp.path().join("work"), &["--watch", "--interval", "200ms", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log_path).expect("log"))
            .spawn()
            .expect("watch");
    // Not healthy before the first round has read the API and reached the remote.
    wait_for("the listener", Duration::from_secs(30), &log_path, || get(port, "/metrics").0 == 200);
    wait_for("the first full sync", Duration::from_secs(60), &log_path, || {
        subjects(&url, tmp.path()).iter().any(|s| s.starts_with("Full sync"))
    });
    wait_for("healthy", Duration::from_secs(30), &log_path, || get(port, "/healthz") == (200, "ok\n".to_string()));

    for name in ["One", "Two"] {
        b.block(b.client.update_source(&src.id, &UpdateSourceInput { name: Some(name.into()), ..Default::default() })).expect("rename");
        wait_for("the rename's commit", Duration::from_secs(60), &log_path, || {
            subjects(&url, tmp.path()).iter().any(|s| s.starts_with(&format!("Source '{name}' ({})", src.id)))
        });
    }
    let commits = subjects(&url, tmp.path()).len() as f64;
    let (code, m) = get(port, "/metrics");
    assert_eq!(code, 200);
    assert!(m.contains("# TYPE segsync_export_events_processed_total counter"), "{m}");
    assert!(sample(&m, "segsync_export_events_processed_total").is_some_and(|n| n >= 2.0), "{m}");
    assert_eq!(sample(&m, "segsync_export_commits_pushed_total"), Some(commits), "every commit on the remote was pushed by it: {m}");
    let objects = sample(&m, "segsync_export_objects_exported").expect("objects");
    assert!(objects > 20.0, "{m}");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("now").as_secs_f64();
    let last = sample(&m, "segsync_export_last_successful_poll_timestamp_seconds").expect("last poll");
    assert!((now - last).abs() < 10.0, "last poll {last} vs now {now}");
    assert!(sample(&m, "segsync_export_feed_lag_seconds").is_some_and(|l| l < 10.0), "{m}");
    assert_eq!(sample(&m, "segsync_export_failures_total{cause=\"git\"}"), Some(0.0), "{m}");
    assert_eq!(sample(&m, "segsync_export_healthy"), Some(1.0), "{m}");
    assert_eq!(get(port, "/nope").0, 404);

    // The remote goes away: failures count up, and once it has not answered for the window
    // (3 intervals, at least 10 s) /healthz says so.
    drop(daemon);
    b.block(b.client.update_source(&src.id, &UpdateSourceInput { name: Some("While down".into()), ..Default::default() })).expect("rename");
    wait_for("503 naming the remote", Duration::from_secs(45), &log_path, || {
        let (code, body) = get(port, "/healthz");
        code == 503 && body.contains("git remote")
    });
    let (_, m) = get(port, "/metrics");
    assert!(sample(&m, "segsync_export_failures_total{cause=\"git\"}").is_some_and(|n| n >= 1.0), "{m}");
    assert_eq!(sample(&m, "segsync_export_healthy"), Some(0.0), "{m}");
    assert!(child.try_wait().expect("try_wait").is_none(), "the exporter exited");

    // It comes back: the change is pushed and the daemon is healthy again.
    let _daemon = git_daemon_at(&base, git_port);
    wait_for("the change after the remote came back", Duration::from_secs(60), &log_path, || {
        subjects(&url, tmp.path()).iter().any(|s| s.starts_with(&format!("Source 'While down' ({})", src.id)))
    });
    wait_for("healthy again", Duration::from_secs(30), &log_path, || get(port, "/healthz").0 == 200);
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    assert!(child.wait().expect("wait").success());
}
