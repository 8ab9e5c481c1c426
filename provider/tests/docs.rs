//! `docs/` is generated from the schemas and `examples/`; this fails when it is stale.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn files_under(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.insert(rel.display().to_string());
        }
    }
}

#[test]
fn docs_folder_matches_the_schemas_and_examples() {
    let want = segment_provider::docs::generate(&root().join("examples"));
    let docs = root().join("docs");
    let mut have = BTreeSet::new();
    files_under(&docs, &docs, &mut have);
    let mut stale: Vec<String> = want
        .iter()
        .filter(|(rel, text)| std::fs::read_to_string(docs.join(rel)).ok().as_deref() != Some(text.as_str()))
        .map(|(rel, _)| rel.clone())
        .collect();
    stale.extend(have.iter().filter(|r| !want.contains_key(*r)).cloned());
    assert!(stale.is_empty(), "docs/ is stale ({stale:?}); run: cargo run -p terraform-provider-segment --bin segsync-docs");
}

#[test]
fn every_type_has_a_page_with_its_attributes_examples_and_import() {
    let docs = segment_provider::docs::generate(&root().join("examples"));
    let p = segment_provider::SegmentProvider::default();
    use tfplugin::Provider;
    for r in p.resources() {
        let page = &docs[&format!("resources/{}.md", r.type_name().trim_start_matches("segment_"))];
        assert!(page.contains("## Example Usage") && page.contains("## Import") && page.contains("terraform import"), "{}", r.type_name());
        for a in &r.schema().block.attributes {
            assert!(page.contains(&format!("- `{}` (", a.name)), "{} lacks {}", r.type_name(), a.name);
            assert!(!a.description.is_empty(), "{}.{} has no description", r.type_name(), a.name);
        }
    }
    for d in p.data_sources() {
        let page = &docs[&format!("data-sources/{}.md", d.type_name().trim_start_matches("segment_"))];
        assert!(page.contains("## Example Usage"), "{}", d.type_name());
    }
    assert!(docs["index.md"].contains("## Resources"));
}
