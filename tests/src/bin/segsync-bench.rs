//! Benchmarks (figures, not tests), each beside its peer or floor, against the real release
//! binaries: `segsync-server` on SQLite, `segsync-export`, `terraform-provider-segment` and the real
//! Terraform. Prints a table and writes `target/bench/<name>.json`.
//!
//! ```text
//! segsync-bench all [--sizes 1000,10000,100000] [--provider-sizes 1000,10000] [--changes 20]
//! segsync-bench export N | watch N | server N | provider N | startup
//! ```

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use e2e::gitserver::{bare_repo, git};
use e2e::{sibling_binary, Backend, SEGMENT};
use serde_json::{json, Value as Json};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().cloned().unwrap_or_else(|| "all".into());
    let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(1000);
    let list = |flag: &str, default: &[usize]| -> Vec<usize> {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
            .unwrap_or_else(|| default.to_vec())
    };
    let changes = list("--changes", &[20]).first().copied().unwrap_or(20);
    let report = match what.as_str() {
        "export" => json!({ "export": [export(n)] }),
        "remote" => json!({ "remote": [remote(n)] }),
        "split" => json!({ "split": [split(n)] }),
        "watch" => json!({ "watch": [watch(n, changes)] }),
        "server" => json!({ "server": [server_load(n)] }),
        "provider" => json!({ "provider": [provider(n)] }),
        "startup" => json!({ "startup": startup() }),
        "all" => {
            let sizes = list("--sizes", &[1000, 10_000, 100_000]);
            let provider_sizes = list("--provider-sizes", &[1000, 10_000]);
            let watch_sizes: Vec<usize> = sizes.iter().copied().filter(|s| *s <= 10_000).collect();
            let remote_sizes = list("--remote-sizes", &[200]);
            let started = Instant::now();
            let r = json!({
                "machine": machine(),
                "startup": startup(),
                "export": sizes.iter().map(|s| export(*s)).collect::<Vec<_>>(),
                "watch": watch_sizes.iter().map(|s| watch(*s, changes)).collect::<Vec<_>>(),
                "server": watch_sizes.iter().map(|s| server_load(*s)).collect::<Vec<_>>(),
                "provider": provider_sizes.iter().map(|s| provider(*s)).collect::<Vec<_>>(),
                "remote": remote_sizes.iter().map(|s| remote(*s)).collect::<Vec<_>>(),
            });
            say(&format!("\nall benchmarks took {:.0} s", started.elapsed().as_secs_f64()));
            r
        }
        other => {
            eprintln!("unknown benchmark {other:?}; try: all | export N | remote N | split N | watch N | server N | provider N | startup");
            std::process::exit(2);
        }
    };
    print_table(&report);
    let dir = e2e::repo_root().join("target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{what}.json"));
    let _ = std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap_or_default() + "\n");
    say(&format!("wrote {}", path.display()));
}

fn say(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{s}");
    let _ = out.flush();
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 10_000.0).round() / 10.0
}

fn machine() -> Json {
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| t.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or_default().trim().to_string()))
        .unwrap_or_default();
    let tf = Command::new(e2e::terraform()).arg("version").env("CHECKPOINT_DISABLE", "1").output().ok();
    let tf = tf.map(|o| String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or_default().to_string()).unwrap_or_default();
    json!({ "cpus": cpus, "cpu": model, "terraform": tf })
}

/// A percentile of sorted durations in ms.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A segsync-server process on a seeded SQLite file.
struct ServerProc {
    child: Child,
    url: String,
    token: String,
    _dir: tempfile::TempDir,
}

impl Drop for ServerProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Seeded {
    server: ServerProc,
    seed_ms: f64,
    objects: usize,
}

fn seeded_server(n: usize) -> Seeded {
    seeded_server_with(n, &[])
}

fn seeded_server_with(n: usize, serve_args: &[&str]) -> Seeded {
    let dir = tempfile::tempdir().expect("tmp");
    let db = format!("sqlite:{}", dir.path().join("ws.db").display());
    let bin = sibling_binary("segsync-server");
    let t = Instant::now();
    let out = Command::new(&bin).args(["seed", "--db", &db, "--resources", &n.to_string(), "--seed", "1"]).output().expect("seed");
    let seed_ms = ms(t.elapsed());
    assert!(out.status.success(), "seed: {}", String::from_utf8_lossy(&out.stderr));
    let objects = String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("total\t").and_then(|v| v.trim().parse().ok()))
        .unwrap_or(n);
    let out = Command::new(&bin)
        .args(["token", "create", "--db", &db, "--name", "bench", "--email", "bench@example.com"])
        .output()
        .expect("token");
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let addr = dir.path().join("addr");
    let child = Command::new(&bin)
        .args(["serve", "--db", &db, "--listen", "127.0.0.1:0", "--addr-file"])
        .arg(&addr)
        .args(serve_args)
        .env("SEGSYNC_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_to_string(&addr).map(|s| s.trim().is_empty()).unwrap_or(true) {
        assert!(Instant::now() < deadline, "segsync-server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = format!("http://{}", std::fs::read_to_string(&addr).unwrap_or_default().trim());
    Seeded { server: ServerProc { child, url, token, _dir: dir }, seed_ms, objects }
}

/// The remote profiles: the twin as Segment's API behaves from afar, in two settings —
/// `latency`: 100 ms added to every request (no limit), where a client that fans out is bounded by
/// requests × 100 ms ÷ 8 (the exporter's default concurrency); `rate-limited`: Segment's limits
/// (`--rate-limit segment`: about 10 requests/s per token and the per-endpoint limits), where only
/// fewer requests help (requests ÷ 10/s). A full export and a second run with nothing changed,
/// each with its time, requests and peak RSS, beside those floors and the one-at-a-time floor
/// (requests × 100 ms).
fn remote(n: usize) -> Json {
    json!({
        "objects_target": n,
        "profiles": [
            remote_profile(n, "latency", &["--latency", "100ms"]),
            remote_profile(n, "rate-limited", &["--rate-limit", "segment"]),
        ]
    })
}

fn remote_profile(n: usize, profile: &str, server_args: &[&str]) -> Json {
    const LATENCY_MS: f64 = 100.0;
    const LIMIT_PER_S: f64 = 10.0;
    const CONCURRENCY: f64 = 8.0;
    say(&format!("== remote ({profile}): seeding about {n} resources; serving with {}", server_args.join(" ")));
    let seeded = seeded_server_with(n, server_args);
    let s = &seeded.server;
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    let run = |label: &str, i: usize| -> Json {
        let log = tmp.path().join(format!("requests-{i}"));
        let mut cmd = exporter_cmd(s, &repo, &tmp.path().join("work"), &["--once"]);
        cmd.env("SEGSYNC_CONTRACT_LOG", &log);
        let (st, took, peak_kb, err) = run_measured(cmd);
        assert!(st.success(), "{label} failed: {err}");
        let requests: usize = e2e::requests_logged(&log);
        let limited = err.matches("rate limited").count() + err.matches("429").count();
        let floor = if profile == "latency" { requests as f64 * LATENCY_MS / CONCURRENCY } else { requests as f64 / LIMIT_PER_S * 1000.0 };
        say(&format!(
            "   {label}: {:.0} ms, {requests} requests ({:.2} per object), peak RSS {} MiB; floor {:.0} ms ({}), {:.0} ms one at a time",
            ms(took),
            requests as f64 / seeded.objects.max(1) as f64,
            peak_kb / 1024,
            floor,
            if profile == "latency" { "requests × 100 ms ÷ 8" } else { "requests ÷ 10/s" },
            requests as f64 * LATENCY_MS
        ));
        json!({
            "run": label,
            "floor_ms": floor,
            "ms": ms(took),
            "requests": requests,
            "requests_per_object": requests as f64 / seeded.objects.max(1) as f64,
            "peak_rss_mib": peak_kb / 1024,
            "floor_rate_limit_ms": requests as f64 / LIMIT_PER_S * 1000.0,
            "floor_serial_ms": requests as f64 * LATENCY_MS,
            "rate_limit_lines": limited,
        })
    };
    let first = run("full export", 0);
    let again = run("second run, nothing changed", 1);
    // Three renames (two sources, a destination) by another token: the next run replays them,
    // reading only what the events name (goal: at most 2k + 3 requests for k changes).
    rename_some(s, 3);
    let renamed = run("after 3 renames", 2);
    if n > 2000 {
        // Planning thousands of resources measures Terraform (see `provider N`), not requests.
        return json!({ "profile": profile, "objects": seeded.objects, "runs": [first, again, renamed] });
    }

    // The provider over the export: import it all, then a plan with refresh (reads coalesced from
    // the third of a kind on) and one without, each with its requests.
    let mut w = e2e::Workdir::dev(&[e2e::segment_provider()]);
    w.set_env("PUBLIC_API_URL", &s.url);
    w.set_env("PUBLIC_API_TOKEN", &s.token);
    let mut resources = 0;
    for f in std::fs::read_dir(tmp.path().join("work")).expect("export").flatten() {
        let p = f.path();
        if p.extension().is_some_and(|e| e == "tf") {
            resources += usize::from(p.file_name().is_some_and(|n| n != "providers.tf" && n != "variables.tf"));
            std::fs::copy(&p, w.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    let t = Instant::now();
    w.ok(&["apply", "-auto-approve", "-no-color", "-input=false"]);
    let import_ms = ms(t.elapsed());
    let mut plans = Vec::new();
    for (label, args, coalescing) in [
        ("plan (refresh)", vec!["plan", "-detailed-exitcode", "-no-color"], "on"),
        ("plan (refresh), coalescing off", vec!["plan", "-detailed-exitcode", "-no-color"], "off"),
        ("plan -refresh=false", vec!["plan", "-refresh=false", "-no-color"], "on"),
    ] {
        let log = tmp.path().join(format!("plan-requests-{}", plans.len()));
        w.set_env("SEGSYNC_CONTRACT_LOG", &log.display().to_string());
        w.set_env("SEGSYNC_READ_COALESCING", coalescing);
        let t = Instant::now();
        let r = w.run(&args);
        let took = ms(t.elapsed());
        assert!(r.code == 0, "{label}: {}", r.all());
        let requests: usize = e2e::requests_logged(&log);
        say(&format!("   terraform {label} over {resources} resources: {took:.0} ms, {requests} requests"));
        plans.push(json!({ "run": label, "ms": took, "requests": requests, "resources": resources }));
    }
    say(&format!("   terraform import apply of {resources} resources: {import_ms:.0} ms"));
    json!({ "profile": profile, "objects": seeded.objects, "runs": [first, again, renamed], "plans": plans, "import_apply_ms": import_ms })
}

/// Renames `k` objects through the API (sources first, then destinations), as another user would.
fn rename_some(s: &ServerProc, k: usize) {
    use segsync_api::types::{UpdateDestinationInput, UpdateSourceInput};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let c = segsync_api::Client::new(&s.url, segsync_api::Token::new(&s.token)).expect("client");
    rt.block_on(async {
        let sources = c.list_sources().await.expect("sources");
        let destinations = c.list_destinations().await.expect("destinations");
        for (i, src) in sources.iter().take(k - k / 3).enumerate() {
            let input = UpdateSourceInput { name: Some(format!("Renamed source {i}")), ..Default::default() };
            c.update_source(&src.id, &input).await.expect("rename source");
        }
        for (i, d) in destinations.iter().take(k / 3).enumerate() {
            let input = UpdateDestinationInput { name: Some(Some(format!("Renamed destination {i}"))), ..Default::default() };
            c.update_destination(&d.id, &input).await.expect("rename destination");
        }
    });
}

/// Terraform's cost of one big root against several smaller ones: the seeded workspace exported
/// as one root and split by its labels (`--split-by label:team,environment`), each root planned (every object an import) on
/// its own, beside one plan of a 1,000-object export (the goal: all roots of a 10k workspace in
/// less than 10× that). Local, no latency: this measures Terraform.
fn split(n: usize) -> Json {
    // Every seeded source has one label: a team or an environment.
    const SPLIT_BY: &str = "label:team,environment";
    let plan_root = |s: &ServerProc, dir: &Path| -> (f64, usize) {
        let mut w = e2e::Workdir::dev(&[e2e::segment_provider()]);
        w.set_env("PUBLIC_API_URL", &s.url);
        w.set_env("PUBLIC_API_TOKEN", &s.token);
        let mut objects = 0;
        for f in std::fs::read_dir(dir).expect("root").flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "tf") {
                objects += usize::from(p.file_name().is_some_and(|n| n != "providers.tf" && n != "variables.tf"));
                std::fs::copy(&p, w.path().join(p.file_name().expect("name"))).expect("copy");
            }
        }
        let t = Instant::now();
        let r = w.run(&["plan", "-no-color", "-input=false"]);
        assert!(r.code == 0, "plan of {}: {}", dir.display(), r.all());
        (ms(t.elapsed()), objects)
    };
    let export_into = |s: &ServerProc, tmp: &Path, name: &str, extra: &[&str]| -> PathBuf {
        let repo = bare_repo(tmp, &format!("{name}.git"));
        let work = tmp.join(name);
        let mut args = vec!["--once"];
        args.extend_from_slice(extra);
        let (st, _, _, err) = run_measured(exporter_cmd(s, &repo, &work, &args));
        assert!(st.success(), "export {name}: {err}");
        work
    };
    let tmp = tempfile::tempdir().expect("tmp");
    say("== split: one 1,000-object root, the baseline");
    let small = seeded_server_with(1000, &[]);
    let one_k = export_into(&small.server, tmp.path(), "one-k", &[]);
    let (base_ms, base_objects) = plan_root(&small.server, &one_k);
    say(&format!("   plan of one root of {base_objects} objects: {base_ms:.0} ms"));
    drop(small);
    say(&format!("== split: seeding about {n} resources"));
    let big = seeded_server_with(n, &[]);
    let whole = export_into(&big.server, tmp.path(), "whole", &[]);
    let split = export_into(&big.server, tmp.path(), "split", &["--split-by", SPLIT_BY]);
    let mut roots = Vec::new();
    let mut total = 0.0;
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&split).expect("split").flatten().map(|e| e.path()).filter(|p| p.join("providers.tf").exists()).collect();
    dirs.sort();
    for d in &dirs {
        let (took, objects) = plan_root(&big.server, d);
        say(&format!("   root {}: {objects} objects, plan {took:.0} ms", d.file_name().unwrap_or_default().to_string_lossy()));
        total += took;
        roots.push(json!({ "root": d.file_name().unwrap_or_default().to_string_lossy(), "objects": objects, "plan_ms": took }));
    }
    say(&format!(
        "   all {} roots one after another: {total:.0} ms ({:.1}× the 1,000-object plan; goal < 10×)",
        roots.len(),
        total / base_ms.max(1.0)
    ));
    // Atlantis plans the projects of one pull request side by side (`parallel_plan: true` in the
    // written atlantis.yaml); here as many at a time as there are cores.
    let lanes = std::thread::available_parallelism().map_or(1, |n| n.get()).min(dirs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let t = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..lanes {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(d) = dirs.get(i) else { break };
                plan_root(&big.server, d);
            });
        }
    });
    let parallel_ms = ms(t.elapsed());
    say(&format!(
        "   all {} roots, {lanes} at a time (parallel_plan): {parallel_ms:.0} ms ({:.1}× the 1,000-object plan)",
        roots.len(),
        parallel_ms / base_ms.max(1.0)
    ));
    let (whole_ms, whole_objects) = plan_root(&big.server, &whole);
    say(&format!("   one root of {whole_objects} objects: {whole_ms:.0} ms ({:.1}× the 1,000-object plan)", whole_ms / base_ms.max(1.0)));
    json!({
        "objects": big.objects,
        "baseline": { "objects": base_objects, "plan_ms": base_ms },
        "split_by": SPLIT_BY,
        "roots": roots,
        "roots_total_ms": total,
        "roots_parallel": { "lanes": lanes, "ms": parallel_ms },
        "one_root": { "objects": whole_objects, "plan_ms": whole_ms },
    })
}

/// Runs a command to completion, sampling its peak RSS (VmHWM) every 20 ms.
fn run_measured(mut cmd: Command) -> (std::process::ExitStatus, Duration, u64, String) {
    let err_file = tempfile::NamedTempFile::new().expect("tmp");
    cmd.stdout(Stdio::null()).stderr(err_file.reopen().expect("reopen"));
    let t = Instant::now();
    let mut child = cmd.spawn().expect("spawn");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_path) {
            if let Some(v) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
                peak_kb = peak_kb.max(v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0));
            }
        }
        if let Ok(Some(st)) = child.try_wait() {
            break st;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status, t.elapsed(), peak_kb, std::fs::read_to_string(err_file.path()).unwrap_or_default())
}

fn exporter_cmd(s: &ServerProc, repo: &Path, work: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(sibling_binary("segsync-export"));
    c.args(["--repo"]).arg(repo).arg("--workdir").arg(work).args(extra);
    c.env("PUBLIC_API_URL", &s.url).env("PUBLIC_API_TOKEN", &s.token).env("SEGSYNC_LOG", "warn");
    c
}

/// Full export of a seeded workspace (time, peak RSS), beside `terraform plan
/// -generate-config-out` over 1,000 of the same objects.
fn export(n: usize) -> Json {
    say(&format!("== export: seeding about {n} resources"));
    let seeded = seeded_server(n);
    let s = &seeded.server;
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    say(&format!("   seeded {} objects in {:.0} ms; exporting", seeded.objects, seeded.seed_ms));
    let (st, took, peak_kb, err) = run_measured(exporter_cmd(s, &repo, &tmp.path().join("work"), &["--once"]));
    assert!(st.success(), "export failed: {err}");
    let co = tmp.path().join("co");
    git(tmp.path(), &["clone", "-q", &repo.display().to_string(), &co.display().to_string()]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&co)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && !p.ends_with("providers.tf") && !p.ends_with("variables.tf"))
        .collect();
    files.sort();
    say(&format!("   exported {} files in {:.0} ms, peak RSS {} MiB", files.len(), ms(took), peak_kb / 1024));
    // An incremental full sync with nothing changed (what the periodic reconcile costs).
    let (st, resync, _, err) = run_measured(exporter_cmd(s, &repo, &tmp.path().join("work"), &["--once"]));
    assert!(st.success(), "{err}");

    // The peer: Terraform's own config generation over 1,000 of the same objects.
    let k = files.len().min(1000);
    let mut w = e2e::Workdir::dev(&[e2e::segment_provider()]);
    w.set_env("PUBLIC_API_URL", &s.url);
    w.set_env("PUBLIC_API_TOKEN", &s.token);
    let mut imports = String::from(SEGMENT);
    for f in &files[..k] {
        let text = std::fs::read_to_string(f).expect("read");
        let block: String = text.split("\n}\n").next().unwrap_or_default().to_string() + "\n}\n";
        imports.push_str(&block);
    }
    w.write("main.tf", &imports);
    let t = Instant::now();
    let r = w.run(&["plan", "-no-color", "-input=false", "-generate-config-out=generated.tf"]);
    let gen = t.elapsed();
    let generated = w.path().join("generated.tf").exists();
    say(&format!("   terraform plan -generate-config-out over {k}: {:.0} ms (exit {}, wrote config: {generated})", ms(gen), r.code));
    // Our export of exactly those objects' worth: scale the measured per-object cost.
    json!({
        "resources_requested": n,
        "objects": seeded.objects,
        "files": files.len(),
        "seed_ms": seeded.seed_ms,
        "seed_objects_per_s": (seeded.objects as f64 / (seeded.seed_ms / 1000.0)).round(),
        "export_ms": ms(took),
        "export_peak_rss_mib": peak_kb / 1024,
        "resync_unchanged_ms": ms(resync),
        "terraform_generate_config_objects": k,
        "terraform_generate_config_ms": ms(gen),
        "terraform_generate_config_exit": r.code,
    })
}

/// Latency from an API write to the pushed commit in `--watch` mode.
fn watch(n: usize, changes: usize) -> Json {
    say(&format!("== watch: seeding about {n} resources"));
    let seeded = seeded_server(n);
    let s = &seeded.server;
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = bare_repo(tmp.path(), "ws.git");
    let interval = "1s";
    let mut child = exporter_cmd(s, &repo, &tmp.path().join("work"), &["--watch", "--interval", interval, "--full-sync-every", "1h"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("watch");
    let head = |repo: &Path| std::fs::read_to_string(repo.join("refs/heads/main")).unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(1800);
    while head(&repo).is_empty() {
        assert!(Instant::now() < deadline, "no first full sync");
        std::thread::sleep(Duration::from_millis(50));
    }
    let client = segsync_api::Client::new(&s.url, segsync_api::Token::new(&s.token)).expect("client");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
    let sources = rt.block_on(client.list_sources()).expect("sources");
    let mut lat = Vec::new();
    for i in 0..changes {
        let id = &sources[i % sources.len()].id;
        let before = head(&repo);
        // Land at a random point of the poll interval.
        std::thread::sleep(Duration::from_millis(137 * (i as u64 % 7)));
        let t = Instant::now();
        rt.block_on(
            client.update_source(
                id,
                &segsync_api::types::UpdateSourceInput { name: Some(format!("bench rename {i}")), ..Default::default() },
            ),
        )
        .expect("update");
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let h = head(&repo);
            if h != before {
                let subject = git(&repo, &["log", "-1", "--format=%s", "main"]);
                if subject.contains(id.as_str()) {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "the change did not arrive");
            std::thread::sleep(Duration::from_millis(5));
        }
        lat.push(ms(t.elapsed()));
    }
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
    lat.sort_by(f64::total_cmp);
    say(&format!("   {changes} changes: p50 {:.0} ms, p95 {:.0} ms (poll interval {interval})", pct(&lat, 50.0), pct(&lat, 95.0)));
    json!({
        "objects": seeded.objects,
        "changes": changes,
        "interval": interval,
        "latency_p50_ms": pct(&lat, 50.0),
        "latency_p95_ms": pct(&lat, 95.0),
        "latency_max_ms": lat.last().copied().unwrap_or(0.0),
    })
}

/// Server throughput and latency under a closed-loop load generator on loopback.
fn server_load(n: usize) -> Json {
    say(&format!("== server: seeding about {n} resources"));
    let seeded = seeded_server(n);
    let s = &seeded.server;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("rt");
    let client = segsync_api::Client::new(&s.url, segsync_api::Token::new(&s.token)).expect("client");
    let ids: Vec<String> = rt.block_on(client.list_sources()).expect("sources").into_iter().map(|x| x.id).collect();
    let http = reqwest::Client::builder().pool_max_idle_per_host(64).build().expect("http");
    let mut results = serde_json::Map::new();
    let total_sources = ids.len();
    for (name, concurrency) in [("get_source", 16usize), ("list_sources_page200", 16)] {
        let duration = Duration::from_secs(5);
        let (count, errors, mut lat) = rt.block_on(async {
            let mut set = tokio::task::JoinSet::new();
            let start = Instant::now();
            for w in 0..concurrency {
                let http = http.clone();
                let ids = ids.clone();
                let base = s.url.clone();
                let token = s.token.clone();
                set.spawn(async move {
                    let mut lat = Vec::new();
                    let mut errors = 0usize;
                    let mut i = w * 7919;
                    while start.elapsed() < duration {
                        i += 1;
                        let url = if name == "get_source" {
                            format!("{base}/sources/{}", ids[i % ids.len()])
                        } else {
                            let page = i % ids.len().div_ceil(200).max(1);
                            let cursor = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, (page * 200).to_string());
                            format!("{base}/sources?pagination.count=200&pagination.cursor={cursor}")
                        };
                        let t = Instant::now();
                        match http.get(&url).bearer_auth(&token).send().await {
                            Ok(r) if r.status().is_success() => {
                                let _ = r.bytes().await;
                                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                            }
                            _ => errors += 1,
                        }
                    }
                    (lat, errors)
                });
            }
            let mut all = Vec::new();
            let mut errors = 0;
            while let Some(r) = set.join_next().await {
                let (l, e) = r.expect("task");
                all.extend(l);
                errors += e;
            }
            (all.len(), errors, all)
        });
        lat.sort_by(f64::total_cmp);
        let rps = count as f64 / duration.as_secs_f64();
        say(&format!(
            "   {name}: {rps:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, errors {errors} ({concurrency} connections)",
            pct(&lat, 50.0),
            pct(&lat, 99.0)
        ));
        results.insert(
            name.to_string(),
            json!({ "requests_per_s": rps.round(), "p50_ms": pct(&lat, 50.0), "p99_ms": pct(&lat, 99.0), "errors": errors, "connections": concurrency }),
        );
    }
    json!({ "objects": seeded.objects, "sources": total_sources, "seed_ms": seeded.seed_ms,
            "seed_objects_per_s": (seeded.objects as f64 / (seeded.seed_ms / 1000.0)).round(), "load": results })
}

/// Provider start-up to handshake line, beside the test provider (the same tfplugin stack with a
/// trivial schema) and `terraform version` (a process start of a Go binary).
fn startup() -> Json {
    say("== provider start-up + handshake");
    let measure = |bin: &Path| -> Vec<f64> {
        let mut v = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let mut child = Command::new(bin)
                .env("TF_PLUGIN_MAGIC_COOKIE", "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2")
                .env("PLUGIN_PROTOCOL_VERSIONS", "6")
                .env("TF_DISABLE_PLUGIN_TLS", "1")
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("provider");
            let mut line = String::new();
            if let Some(out) = child.stdout.take() {
                let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line);
            }
            v.push(ms(t.elapsed()));
            assert!(line.starts_with("1|6|"), "no handshake line: {line:?}");
            let _ = child.kill();
            let _ = child.wait();
        }
        v.sort_by(f64::total_cmp);
        v
    };
    let seg = measure(&sibling_binary("terraform-provider-segment"));
    let testp = measure(&sibling_binary("terraform-provider-testp"));
    let mut tfv = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let _ = Command::new(e2e::terraform()).arg("version").env("CHECKPOINT_DISABLE", "1").output();
        tfv.push(ms(t.elapsed()));
    }
    tfv.sort_by(f64::total_cmp);
    say(&format!(
        "   terraform-provider-segment p50 {:.1} ms (test provider {:.1} ms; `terraform version` {:.1} ms)",
        pct(&seg, 50.0),
        pct(&testp, 50.0),
        pct(&tfv, 50.0)
    ));
    json!({
        "segment_handshake_p50_ms": pct(&seg, 50.0),
        "segment_handshake_max_ms": seg.last().copied().unwrap_or(0.0),
        "testp_handshake_p50_ms": pct(&testp, 50.0),
        "terraform_version_p50_ms": pct(&tfv, 50.0),
    })
}

/// `terraform plan` with refresh over N existing sources beside N raw GETs (the floor).
fn provider(n: usize) -> Json {
    say(&format!("== provider: {n} segment_source resources"));
    let b = Backend::start();
    let meta = b.source_metadata_id("javascript");
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let input = segsync_api::types::CreateSourceInput {
            slug: format!("bench-{i}"),
            enabled: true,
            metadata_id: meta.clone(),
            ..Default::default()
        };
        ids.push(b.block(b.client.create_source(&input)).expect("create").id);
    }
    let w = b.workdir();
    let mut cfg = String::from(SEGMENT);
    for (i, id) in ids.iter().enumerate() {
        cfg.push_str(&format!(
            "import {{\n  to = segment_source.s{i}\n  id = \"{id}\"\n}}\nresource \"segment_source\" \"s{i}\" {{\n  slug     = \"bench-{i}\"\n  enabled  = true\n  metadata = {{ id = \"{meta}\" }}\n  settings = jsonencode({{}})\n}}\n"
        ));
    }
    w.write("main.tf", &cfg);
    let time = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let import_apply = time(&|| {
        w.ok(&["apply", "-auto-approve", "-no-color", "-parallelism=10"]);
    });
    let plan_refresh = time(&|| {
        let r = w.run(&["plan", "-detailed-exitcode", "-no-color", "-parallelism=10"]);
        assert_eq!(r.code, 0, "plan not empty:\n{}", r.all());
    });
    let plan_no_refresh = time(&|| {
        w.ok(&["plan", "-refresh=false", "-no-color"]);
    });
    let raw_sequential = time(&|| {
        for id in &ids {
            b.block(b.client.get_source(id)).expect("get");
        }
    });
    let raw_parallel = time(&|| {
        b.block(async {
            let mut set = tokio::task::JoinSet::new();
            for chunk in ids.chunks(ids.len().div_ceil(10).max(1)) {
                let c = b.client.clone();
                let chunk = chunk.to_vec();
                set.spawn(async move {
                    for id in chunk {
                        c.get_source(&id).await.expect("get");
                    }
                });
            }
            while let Some(r) = set.join_next().await {
                r.expect("task");
            }
        })
    });
    say(&format!(
        "   plan refresh {:.0} ms, plan -refresh=false {:.0} ms, {n} GETs {:.0} ms (10 parallel {:.0} ms), import apply {:.0} ms",
        ms(plan_refresh),
        ms(plan_no_refresh),
        ms(raw_sequential),
        ms(raw_parallel),
        ms(import_apply)
    ));
    json!({
        "resources": n,
        "import_apply_ms": ms(import_apply),
        "plan_refresh_ms": ms(plan_refresh),
        "plan_no_refresh_ms": ms(plan_no_refresh),
        "raw_get_sequential_ms": ms(raw_sequential),
        "raw_get_parallel10_ms": ms(raw_parallel),
    })
}

fn f(v: &Json, k: &str) -> String {
    match v.get(k) {
        Some(Json::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        Some(Json::Number(n)) => {
            let x = n.as_f64().unwrap_or(0.0);
            if x >= 100.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.1}")
            }
        }
        Some(other) => other.to_string(),
        None => "-".into(),
    }
}

fn print_table(r: &Json) {
    let mut lines =
        vec![String::new(), "| benchmark | size | figure | beside (peer or floor) |".to_string(), "|---|---|---|---|".to_string()];
    if let Some(s) = r.get("startup").filter(|s| !s.is_null()) {
        lines.push(format!(
            "| provider start-up + handshake (p50) | - | {} ms | test provider {} ms; `terraform version` {} ms |",
            f(s, "segment_handshake_p50_ms"),
            f(s, "testp_handshake_p50_ms"),
            f(s, "terraform_version_p50_ms")
        ));
    }
    for e in
        r.get("remote").and_then(Json::as_array).into_iter().flatten().flat_map(|r| r["profiles"].as_array().cloned().unwrap_or_default())
    {
        for run in e.get("runs").and_then(Json::as_array).into_iter().flatten() {
            lines.push(format!(
                "| remote, {}: {} (time / requests / per object) | {} objects | {} ms / {} / {:.2} | floor {} ms; one at a time {} ms |",
                e["profile"].as_str().unwrap_or_default(),
                run["run"].as_str().unwrap_or_default(),
                f(&e, "objects"),
                f(run, "ms"),
                f(run, "requests"),
                run["requests_per_object"].as_f64().unwrap_or(0.0),
                f(run, "floor_ms"),
                f(run, "floor_serial_ms")
            ));
        }
    }
    for e in
        r.get("remote").and_then(Json::as_array).into_iter().flatten().flat_map(|r| r["profiles"].as_array().cloned().unwrap_or_default())
    {
        for p in e.get("plans").and_then(Json::as_array).into_iter().flatten() {
            lines.push(format!(
                "| remote, {}: terraform {} (time / requests) | {} resources | {} ms / {} | - |",
                e["profile"].as_str().unwrap_or_default(),
                p["run"].as_str().unwrap_or_default(),
                f(p, "resources"),
                f(p, "ms"),
                f(p, "requests")
            ));
        }
    }
    for e in r.get("split").and_then(Json::as_array).into_iter().flatten() {
        lines.push(format!(
            "| `terraform plan` of every root, `--split-by {}` ({} roots) | {} objects | {} ms one after another, {} ms {} at a time | one root of them all: {} ms; one 1,000-object root: {} ms |",
            e["split_by"].as_str().unwrap_or_default(),
            e["roots"].as_array().map_or(0, Vec::len),
            f(e, "objects"),
            f(e, "roots_total_ms"),
            f(&e["roots_parallel"], "ms"),
            f(&e["roots_parallel"], "lanes"),
            f(&e["one_root"], "plan_ms"),
            f(&e["baseline"], "plan_ms")
        ));
    }
    for e in r.get("export").and_then(Json::as_array).into_iter().flatten() {
        lines.push(format!(
            "| full export (`--once`), time / peak RSS | {} objects | {} ms / {} MiB | `terraform plan -generate-config-out` over {}: {} ms |",
            f(e, "objects"),
            f(e, "export_ms"),
            f(e, "export_peak_rss_mib"),
            f(e, "terraform_generate_config_objects"),
            f(e, "terraform_generate_config_ms")
        ));
        lines.push(format!("| re-export, nothing changed | {} objects | {} ms | - |", f(e, "objects"), f(e, "resync_unchanged_ms")));
        lines.push(format!("| seed rate | {} objects | {} objects/s | - |", f(e, "objects"), f(e, "seed_objects_per_s")));
    }
    for w in r.get("watch").and_then(Json::as_array).into_iter().flatten() {
        lines.push(format!(
            "| `--watch` API write → pushed commit, p50 / p95 | {} objects | {} / {} ms | poll interval {} |",
            f(w, "objects"),
            f(w, "latency_p50_ms"),
            f(w, "latency_p95_ms"),
            w["interval"].as_str().unwrap_or("?")
        ));
    }
    for s in r.get("server").and_then(Json::as_array).into_iter().flatten() {
        for (k, label) in [("get_source", "GET /sources/{id}"), ("list_sources_page200", "GET /sources (page of 200)")] {
            let l = &s["load"][k];
            lines.push(format!(
                "| server {label}, {} connections | {} objects | {} req/s, p99 {} ms | p50 {} ms, errors {} |",
                f(l, "connections"),
                f(s, "objects"),
                f(l, "requests_per_s"),
                f(l, "p99_ms"),
                f(l, "p50_ms"),
                f(l, "errors")
            ));
        }
    }
    for p in r.get("provider").and_then(Json::as_array).into_iter().flatten() {
        lines.push(format!(
            "| `terraform plan` (refresh, parallelism 10) | {} sources | {} ms | {} raw GETs: {} ms sequential, {} ms 10-parallel |",
            f(p, "resources"),
            f(p, "plan_refresh_ms"),
            f(p, "resources"),
            f(p, "raw_get_sequential_ms"),
            f(p, "raw_get_parallel10_ms")
        ));
        lines.push(format!(
            "| `terraform plan -refresh=false` / import apply | {} sources | {} / {} ms | - |",
            f(p, "resources"),
            f(p, "plan_no_refresh_ms"),
            f(p, "import_apply_ms")
        ));
    }
    say(&lines.join("\n"));
}
