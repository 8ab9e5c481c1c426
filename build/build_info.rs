// Included by the build scripts of segsync-export and segsync-server: the commit and the build
// date that `--version` prints. The date is the commit's (or SOURCE_DATE_EPOCH's, as
// reproducible builds define it), never the wall clock, so a build of one commit is the same
// build whenever it is made, and cargo's cache stays valid until the commit changes.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let out = Command::new("git").args(args).current_dir(dir).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()).filter(|s| !s.is_empty())
}

/// `YYYY-MM-DD` (UTC) of seconds since the epoch (days to civil date, proleptic Gregorian).
fn date_of(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn emit_build_info() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-env-changed=SEGSYNC_COMMIT");
    // Rebuild when the commit changes: HEAD, the branch it names, and packed refs.
    if let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        let dir = std::path::Path::new(&git_dir);
        println!("cargo:rerun-if-changed={}", dir.join("HEAD").display());
        println!("cargo:rerun-if-changed={}", dir.join("packed-refs").display());
        if let Some(r) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={}", dir.join(r).display());
        }
    }
    let commit = std::env::var("SEGSYNC_COMMIT")
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().or_else(|| git(&["log", "-1", "--format=%ct", "HEAD"]));
    let date = epoch.and_then(|e| e.trim().parse::<i64>().ok()).map_or_else(|| "unknown".into(), date_of);
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo:rustc-env=SEGSYNC_COMMIT={commit}");
    println!("cargo:rustc-env=SEGSYNC_BUILD_DATE={date}");
    println!("cargo:rustc-env=SEGSYNC_VERSION_LINE={version} (commit {commit}, built {date})");
}
