//! Writes the provider's registry-style docs into `docs/` (or checks them with `--check`).
//!
//! `cargo run -p terraform-provider-segment --bin segsync-docs` from the repository root.

use std::io::Write as _;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let root = args.iter().find(|a| !a.starts_with("--")).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let docs = root.join("docs");
    let want = segment_provider::docs::generate(&root.join("examples"));
    let stale = segment_provider::docs::stale(&docs, &want);
    if check {
        if !stale.is_empty() {
            eprintln!("docs/ is stale ({} files): {}", stale.len(), stale.join(", "));
            eprintln!("run: cargo run -p terraform-provider-segment --bin segsync-docs");
            std::process::exit(1);
        }
    } else {
        for rel in &stale {
            let p = docs.join(rel);
            match want.get(rel) {
                Some(text) => {
                    if let Some(parent) = p.parent() {
                        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
                    }
                    std::fs::write(&p, text).unwrap_or_else(|e| panic!("writing {}: {e}", p.display()));
                }
                None => {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
    }
    let _ =
        writeln!(std::io::stdout(), "{} docs files, {} {}", want.len(), stale.len(), if check { "stale" } else { "written or removed" });
}
