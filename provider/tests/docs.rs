//! `docs/` is generated from the schemas and `examples/`; this fails when it is stale.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

#[test]
fn docs_folder_matches_the_schemas_and_examples() {
    let want = segment_provider::docs::generate(&root().join("examples"));
    let stale = segment_provider::docs::stale(&root().join("docs"), &want);
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
