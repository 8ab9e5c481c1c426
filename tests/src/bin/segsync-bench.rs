//! Benchmarks (figures, not tests). `segsync-bench provider [N]`: `terraform plan` with refresh
//! over N existing resources beside N raw GETs of the same objects (the floor), against a real
//! segsync-server on SQLite. Prints a table and writes `target/bench/provider.json`.

use std::io::Write as _;
use std::time::{Duration, Instant};

use e2e::{Backend, SEGMENT};
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "provider".into());
    let n: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1000);
    match what.as_str() {
        "provider" => provider(n),
        other => {
            eprintln!("unknown benchmark {other:?}; try: provider [N]");
            std::process::exit(2);
        }
    }
}

fn provider(n: usize) {
    let b = Backend::start();
    // Sources are the most common object; N of them with settings and labels.
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
    let started = Instant::now();
    w.ok(&["apply", "-auto-approve", "-no-color", "-parallelism=10"]);
    let import_apply = started.elapsed();

    let time = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
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
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "provider benchmark over {n} segment_source resources (segsync-server on SQLite, loopback)");
    let _ = writeln!(out, "{:<48} {:>12}", "measure", "ms");
    for (k, v) in [
        ("terraform apply importing all (parallelism 10)", import_apply),
        ("terraform plan, refresh (parallelism 10)", plan_refresh),
        ("terraform plan -refresh=false", plan_no_refresh),
        ("raw GET /sources/{id}, sequential (floor)", raw_sequential),
        ("raw GET /sources/{id}, 10 in parallel (floor)", raw_parallel),
    ] {
        let _ = writeln!(out, "{k:<48} {:>12.0}", ms(v));
    }
    let _ = writeln!(
        out,
        "refresh cost per resource: {:.2} ms (floor {:.2} ms per GET)",
        ms(plan_refresh) / n as f64,
        ms(raw_parallel) / n as f64
    );
    let report = json!({
        "resources": n,
        "import_apply_ms": ms(import_apply),
        "plan_refresh_ms": ms(plan_refresh),
        "plan_no_refresh_ms": ms(plan_no_refresh),
        "raw_get_sequential_ms": ms(raw_sequential),
        "raw_get_parallel10_ms": ms(raw_parallel),
    });
    let dir = e2e::repo_root().join("target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("provider.json"), serde_json::to_string_pretty(&report).unwrap_or_default());
}
