//! Named points where a test can make the exporter die as `kill -9` would (no clean-up, no
//! flush), to prove that the next run recovers. Only `SEGSYNC_TEST_CRASH_AT` turns them on:
//! `file` (after a file write), `files-written` (after a full sync's files, before its commit),
//! `commit` (after a local commit); `<point>:N` dies the Nth time the point is reached. Not for
//! production use.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

static AT: OnceLock<Option<(String, usize)>> = OnceLock::new();
static SEEN: Mutex<BTreeMap<&'static str, usize>> = Mutex::new(BTreeMap::new());

fn at() -> Option<&'static (String, usize)> {
    AT.get_or_init(|| {
        let v = std::env::var("SEGSYNC_TEST_CRASH_AT").ok().filter(|s| !s.is_empty())?;
        Some(match v.split_once(':') {
            Some((p, n)) => (p.to_string(), n.parse().unwrap_or(1)),
            None => (v, 1),
        })
    })
    .as_ref()
}

/// Dies here when the test asked for this point (and this is its Nth time).
pub fn reached(point: &'static str) {
    let Some((want, n)) = at() else { return };
    if want != point {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let count = seen.entry(point).or_insert(0);
    *count += 1;
    if *count == *n {
        eprintln!("segsync-export: SEGSYNC_TEST_CRASH_AT={point}:{n}: aborting");
        std::process::abort();
    }
}
