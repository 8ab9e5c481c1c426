//! Writes the provider's registry-style docs into `docs/` (or checks them with `--check`).
//!
//! `cargo run -p terraform-provider-segment --bin segsync-docs` from the repository root.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, root: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, root, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.insert(rel.display().to_string());
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let root = args.iter().find(|a| !a.starts_with("--")).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let docs = root.join("docs");
    let want = segment_provider::docs::generate(&root.join("examples"));
    let mut have = BTreeSet::new();
    files_under(&docs, &docs, &mut have);
    let mut stale = Vec::new();
    for (rel, text) in &want {
        let p = docs.join(rel);
        if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
            stale.push(rel.clone());
            if !check {
                if let Some(parent) = p.parent() {
                    std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
                }
                std::fs::write(&p, text).unwrap_or_else(|e| panic!("writing {}: {e}", p.display()));
            }
        }
    }
    for rel in have.iter().filter(|r| !want.contains_key(*r)) {
        stale.push(rel.clone());
        if !check {
            let _ = std::fs::remove_file(docs.join(rel));
        }
    }
    if check && !stale.is_empty() {
        eprintln!("docs/ is stale ({} files): {}", stale.len(), stale.join(", "));
        eprintln!("run: cargo run -p terraform-provider-segment --bin segsync-docs");
        std::process::exit(1);
    }
    println!("{} docs files, {} {}", want.len(), stale.len(), if check { "stale" } else { "written or removed" });
}
