//! `segsync-contract check DIR`: checks the exchanges recorded under `SEGSYNC_CONTRACT_LOG=DIR`
//! against the contract extracted from Segment's SDK (`api/contract/`): every request the client
//! sent, every answer the server gave. Prints the counts and each kind of violation once; exits 1
//! when there is any.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::process::ExitCode;

use segsync_api::contract::{contract, is_extension, Exchange};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [cmd, dir] = args.as_slice() else {
        eprintln!("usage: segsync-contract check DIR");
        return ExitCode::from(2);
    };
    if cmd != "check" {
        eprintln!("segsync-contract: error: unknown command '{cmd}' (expected: check)");
        return ExitCode::from(2);
    }
    let c = contract();
    let (mut requests, mut responses, mut outside, mut extensions) = (0usize, 0usize, 0usize, 0usize);
    let mut by_client = BTreeSet::new();
    let mut by_server = BTreeSet::new();
    let mut problems: BTreeMap<String, usize> = BTreeMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("segsync-contract: error: cannot read {dir}: {e}");
            return ExitCode::from(2);
        }
    };
    for entry in entries.flatten() {
        let Ok(f) = std::fs::File::open(entry.path()) else { continue };
        for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
            let Ok(x) = serde_json::from_str::<Exchange>(&line) else {
                *problems.entry(format!("unreadable record in {}", entry.path().display())).or_default() += 1;
                continue;
            };
            if is_extension(&x.method, &x.path) {
                extensions += 1;
                continue;
            }
            if x.side == "client" {
                requests += 1;
                match c.check_request(&x.method, &x.path, &x.query, x.content_type.as_deref(), x.body.as_ref()) {
                    Ok(op) => {
                        by_client.insert(op.name.clone());
                    }
                    Err(ps) => ps.into_iter().for_each(|p| *problems.entry(format!("request {}", generic(&p))).or_default() += 1),
                }
            } else {
                let Some(op) = c.operation(&x.method, &x.path) else {
                    outside += 1;
                    continue;
                };
                responses += 1;
                by_server.insert(op.name.clone());
                let (Some(status), Some(body)) = (x.status, x.response.as_ref()) else { continue };
                for p in c.check_response(op, status, body) {
                    *problems.entry(format!("response {}", generic(&p))).or_default() += 1;
                }
            }
        }
    }
    let total = c.operations.len();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "contract: {}", c.source);
    let _ = writeln!(out, "requests checked: {requests} (client), operations covered {} of {total}", by_client.len());
    let _ = writeln!(
        out,
        "responses checked: {responses} (server), operations covered {} of {total}; {outside} outside the contract",
        by_server.len()
    );
    let missing: Vec<&str> = c.operations.iter().map(|o| o.name.as_str()).filter(|n| !by_client.contains(*n)).collect();
    if !missing.is_empty() {
        let _ = writeln!(out, "operations no client request reached: {}", missing.join(", "));
    }
    let _ = writeln!(out, "exchanges with our extensions (--extensions, not Segment's API): {extensions}");
    let n: usize = problems.values().sum();
    let _ = writeln!(out, "violations: {n} ({} kinds)", problems.len());
    for (p, count) in &problems {
        let _ = writeln!(out, "  {count:>5} × {p}");
    }
    if n == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A violation with list indexes left out (`items[3].code` → `items[].code`), so one kind of
/// problem is counted once however many items show it.
fn generic(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut in_index = false;
    for ch in p.chars() {
        match ch {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' if in_index => {
                in_index = false;
                out.push(']');
            }
            c if in_index && c.is_ascii_digit() => {}
            c => {
                in_index = false;
                out.push(c);
            }
        }
    }
    out
}
