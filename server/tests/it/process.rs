//! The `segsync-server` binary: token creation, seeding, restart and graceful shutdown.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use segsync_api::types::CreateSourceInput;
use segsync_api::{Client, Token};

const BIN: &str = env!("CARGO_BIN_EXE_segsync-server");

fn run(args: &[&str]) -> (String, String) {
    let out = Command::new(BIN).args(args).output().expect("run segsync-server");
    assert!(out.status.success(), "segsync-server {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

pub(crate) struct Served {
    pub(crate) child: Child,
    pub(crate) url: String,
    /// `host:port`, for raw TCP clients.
    pub(crate) addr: String,
}

fn serve(db: &str, dir: &Path) -> Served {
    serve_with(db, dir, &[])
}

/// The binary serving `db` on port 0 with extra flags, once it listens.
#[allow(clippy::zombie_processes)] // callers reap the child (`terminate`, kill + wait)
pub(crate) fn serve_with(db: &str, dir: &Path, flags: &[&str]) -> Served {
    let addr_file = dir.join(format!("addr-{}", rand_suffix()));
    let child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--db", db, "--addr-file"])
        .arg(&addr_file)
        .args(flags)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(a) = std::fs::read_to_string(&addr_file) {
            if !a.is_empty() {
                return Served { child, url: format!("http://{a}"), addr: a };
            }
        }
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

fn terminate(mut s: Served) {
    let status = Command::new("kill").args(["-TERM", &s.child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(st) = s.child.try_wait().expect("wait") {
            assert!(st.success(), "server exited with {st}");
            return;
        }
        assert!(Instant::now() < deadline, "server did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn token_create_prints_only_the_token() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite:{}", dir.path().join("t.db").display());
    let (out, _) = run(&["token", "create", "--db", &db, "--name", "ci", "--scope", "read", "--email", "ci@example.com"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "stdout: {out:?}");
    assert!(lines[0].starts_with("sgs_") && lines[0].len() > 40);
    // Only a hash is stored.
    let raw = std::fs::read(dir.path().join("t.db")).expect("db file");
    let secret = lines[0].split('.').nth(1).expect("secret part");
    assert!(!String::from_utf8_lossy(&raw).contains(secret));
}

#[tokio::test]
async fn seed_is_deterministic_and_covers_every_family() {
    let dir = tempfile::tempdir().expect("dir");
    let a = format!("sqlite:{}", dir.path().join("a.db").display());
    let b = format!("sqlite:{}", dir.path().join("b.db").display());
    let (out, _) = run(&["seed", "--db", &a, "--resources", "400", "--seed", "7"]);
    run(&["seed", "--db", &b, "--resources", "400", "--seed", "7"]);
    let total: usize = out.lines().find_map(|l| l.strip_prefix("total\t")).and_then(|n| n.parse().ok()).expect("total line");
    assert!((400..450).contains(&total), "total {total}");
    for family in [
        "destination",
        "destination_filter",
        "destination_subscription",
        "function",
        "insert_function_instance",
        "label",
        "profiles_warehouse",
        "reverse_etl_model",
        "source",
        "source_tracking_plan_connection",
        "source_warehouse_connection",
        "tracking_plan",
        "transformation",
        "user",
        "user_group",
        "warehouse",
    ] {
        assert!(out.lines().any(|l| l.starts_with(&format!("{family}\t"))), "seed has no {family}: {out}");
    }
    let ids = |db: String| async move {
        let pool = segsync_server::store::open(&db).await.expect("open");
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT kind, id FROM objects ORDER BY seq").fetch_all(&pool).await.expect("rows");
        let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&pool).await.expect("events");
        (rows, events)
    };
    let (ra, ea) = ids(a).await;
    let (rb, _) = ids(b).await;
    assert_eq!(ra, rb, "the same seed gives the same workspace");
    assert!(ea as usize >= total, "every seeded object has an audit event");
}

#[tokio::test]
async fn restart_keeps_data_and_sigterm_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite:{}", dir.path().join("w.db").display());
    let (token, _) = run(&["token", "create", "--db", &db, "--name", "ci"]);
    let token = token.trim().to_string();
    let s = serve(&db, dir.path());
    let c = Client::new(&s.url, Token::new(&token)).expect("client");
    let meta = c.sources_catalog().await.expect("catalog")[0].id.clone();
    let workspace_id = c.workspace().await.expect("workspace").id;

    // Writers run while the server is told to stop; every acknowledged create must survive.
    let mut tasks = Vec::new();
    for w in 0..4 {
        let c = Client::builder(&s.url, Token::new(&token))
            .retry(segsync_api::RetryPolicy { max_attempts: 1, ..Default::default() })
            .build()
            .expect("client");
        let meta = meta.clone();
        tasks.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for i in 0..10_000 {
                match c
                    .create_source(&CreateSourceInput {
                        slug: format!("w{w}-{i}"),
                        enabled: true,
                        metadata_id: meta.clone(),
                        ..Default::default()
                    })
                    .await
                {
                    Ok(src) => acked.push(src.id),
                    Err(_) => break,
                }
            }
            acked
        }));
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    tokio::task::spawn_blocking(move || terminate(s)).await.expect("terminate");
    let mut acked = Vec::new();
    for t in tasks {
        acked.extend(t.await.expect("writer"));
    }
    assert!(acked.len() > 4, "writers got some creates through: {}", acked.len());

    let s2 = serve(&db, dir.path());
    let c2 = Client::new(&s2.url, Token::new(&token)).expect("client");
    let stored: std::collections::BTreeSet<String> = c2.list_sources().await.expect("list").into_iter().map(|s| s.id).collect();
    for id in &acked {
        assert!(stored.contains(id), "acknowledged source {id} was lost");
    }
    assert_eq!(c2.workspace().await.expect("ws").id, workspace_id, "the workspace keeps its id");
    tokio::task::spawn_blocking(move || terminate(s2)).await.expect("terminate");
}
