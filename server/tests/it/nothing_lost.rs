//! Nothing lost: a failed write never leaves the database locked for the next writer, bodies of
//! the wrong JSON type change nothing, and a stuck client can hold neither a connection nor the
//! server's shutdown.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use segsync_api::types::*;

use crate::support::start;

/// `DELETE /invites?emails.0=<unknown>` fails (404) inside a write transaction; before the fix its
/// rollback was only queued, and 4–11 of 600 concurrent ordinary writes met "database is locked".
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failed_writes_beside_successful_ones_never_make_a_writer_busy() {
    let srv = start().await;
    let src = srv.javascript_source("web").await;
    let raw = Arc::new(srv.http());
    let stop = Arc::new(AtomicBool::new(false));
    let mut failing = Vec::new();
    for t in 0..4 {
        let (raw, stop) = (raw.clone(), stop.clone());
        failing.push(tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(Ordering::SeqCst) {
                let r = raw.send("DELETE", &format!("/invites?emails.0=nobody-{t}-{n}@example.com"), None, None).await;
                assert_eq!(r.status, 404, "{}", r.body);
                n += 1;
            }
            n
        }));
    }
    let mut writers = Vec::new();
    for t in 0..8 {
        let (raw, id) = (raw.clone(), src.id.clone());
        writers.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for i in 0..75 {
                let r = if i % 2 == 0 {
                    raw.json("PATCH", &format!("/sources/{id}"), &format!(r#"{{"name":"w{t}-{i}"}}"#)).await
                } else {
                    raw.json("POST", "/labels", &format!(r#"{{"label":{{"key":"k{t}","value":"v{i}"}}}}"#)).await
                };
                statuses.push(r.status);
            }
            statuses
        }));
    }
    let mut statuses = Vec::new();
    for w in writers {
        statuses.extend(w.await.expect("writer"));
    }
    stop.store(true, Ordering::SeqCst);
    let mut failed_writes = 0;
    for f in failing {
        failed_writes += f.await.expect("failing writer");
    }
    assert_eq!(statuses.len(), 600);
    let busy = statuses.iter().filter(|s| **s == 503).count();
    assert_eq!(busy, 0, "{busy} of 600 writes answered 503 beside {failed_writes} failed writes");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 201), "{statuses:?}");
    assert!(failed_writes > 50, "the failing writers ran alongside ({failed_writes} requests)");

    // A burst of 32 writers at once, half of them failing.
    let mut burst = Vec::new();
    for i in 0..32 {
        let raw = raw.clone();
        burst.push(tokio::spawn(async move {
            if i % 2 == 0 {
                raw.json("POST", "/labels", &format!(r#"{{"label":{{"key":"burst","value":"v{i}"}}}}"#)).await.status
            } else {
                raw.send("DELETE", &format!("/invites?emails.0=burst-{i}@example.com"), None, None).await.status
            }
        }));
    }
    for (i, b) in burst.into_iter().enumerate() {
        let status = b.await.expect("burst");
        assert_eq!(status, if i % 2 == 0 { 201 } else { 404 }, "burst writer {i}");
    }
    srv.stop().await;
}

/// serde takes a JSON array for a struct (and `[]` for one whose fields are all optional): every
/// endpoint with a body refuses anything but an object, naming the body, and changes nothing.
#[tokio::test]
async fn bodies_of_the_wrong_json_type_are_422_and_change_nothing() {
    let srv = start().await;
    let c = srv.client();
    let src = srv.javascript_source("web").await;
    let plan =
        c.create_tracking_plan(&CreateTrackingPlanInput { name: "p".into(), description: None, kind: "LIVE".into() }).await.expect("plan");
    let before = srv.snapshot().await;
    let raw = srv.http();
    let mut checked = 0;
    for e in segsync_server::routes::endpoints().into_iter().filter(|e| e.request.is_some()) {
        // Real ids where the path has them, so only the body can be wrong.
        let path = e.path.replace("{sourceId}", &src.id).replace("{trackingPlanId}", &plan.id);
        let path: String =
            path.split('/').map(|seg| if seg.starts_with('{') { "x".to_string() } else { seg.to_string() }).collect::<Vec<_>>().join("/");
        for body in ["[]", "[null]", "[{}]", "\"text\"", "3", "true", "null"] {
            let r = raw.json(&e.method.to_ascii_uppercase(), &path, body).await;
            r.assert_error(422, "input-validation", Some("body"));
            checked += 1;
        }
    }
    assert!(checked >= 7 * 30, "{checked} requests");
    assert_eq!(srv.snapshot().await, before, "a refused body changed something");
    srv.stop().await;
}

const BIN: &str = env!("CARGO_BIN_EXE_segsync-server");

/// The binary on a fresh database with extra flags; the child and its `host:port`.
fn serve_with(dir: &std::path::Path, flags: &[&str]) -> (std::process::Child, String) {
    let db = format!("sqlite:{}", dir.join("ws.db").display());
    let s = crate::process::serve_with(&db, dir, flags);
    (s.child, s.addr)
}

fn wait_exit(child: &mut std::process::Child, within: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Some(st) = child.try_wait().expect("wait") {
            return Some(st);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn sigterm_ends_the_server_within_the_grace_period_whatever_clients_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut child, addr) = serve_with(dir.path(), &["--shutdown-grace", "1s", "--header-timeout", "60s"]);
    // One client sent half its headers; another holds an idle keep-alive connection.
    let mut half = TcpStream::connect(&addr).expect("connect");
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").expect("write");
    let mut idle = TcpStream::connect(&addr).expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
    let mut buf = [0u8; 512];
    assert!(idle.read(&mut buf).expect("read") > 0);
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    let st = wait_exit(&mut child, Duration::from_secs(8));
    let took = sent.elapsed();
    let Some(st) = st else {
        let _ = child.kill();
        panic!("the server was still running 8 s after SIGTERM with a 1 s grace period");
    };
    assert!(st.success(), "{st}");
    assert!(took < Duration::from_secs(4), "shutdown took {took:?}");
    drop(half);
}

#[test]
fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut child, addr) = serve_with(dir.path(), &["--header-timeout", "500ms"]);
    let mut slow = TcpStream::connect(&addr).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").expect("write");
    let started = Instant::now();
    let mut buf = [0u8; 256];
    // The server closes the connection (EOF) or resets it; a read timeout means it kept it.
    match slow.read(&mut buf) {
        Ok(_) => {}
        Err(e) => assert!(e.kind() != std::io::ErrorKind::WouldBlock && e.kind() != std::io::ErrorKind::TimedOut, "kept open: {e}"),
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "closed only after {took:?}");
    // The server itself is fine.
    let mut ok = TcpStream::connect(&addr).expect("connect");
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").expect("write");
    let mut text = String::new();
    ok.read_to_string(&mut text).expect("read");
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    let _ = child.kill();
    let _ = child.wait();
}

/// User errors are one line on stderr, whatever RUST_BACKTRACE says.
#[test]
fn bad_command_lines_are_one_clear_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let cases: &[(&[&str], &str)] = &[
        (&["serve", "--db", "mysql://localhost/ws"], "not a SQLite database URL"),
        (&["serve", "--db", "sqlite:"], "names no file"),
        (&["seed", "--db", "postgres://x"], "not a SQLite database URL"),
        (&["serve", "--shutdown-grace", "99999h"], "out of range"),
        (&["serve", "--header-timeout", "0"], "out of range"),
    ];
    for (args, want) in cases {
        let out = Command::new(BIN).args(*args).current_dir(dir.path()).env("RUST_BACKTRACE", "1").output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("backtrace") && !err.contains("Caused by"), "{args:?}: {err}");
    }
    // A database the server cannot open: a directory where the file should be.
    std::fs::create_dir_all(dir.path().join("ws.db")).expect("dir");
    let db = format!("sqlite:{}", dir.path().join("ws.db").display());
    let out = Command::new(BIN).args(["serve", "--listen", "127.0.0.1:0", "--db", &db]).env("RUST_BACKTRACE", "1").output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].starts_with("segsync-server: error: opening database"), "{err}");
}
