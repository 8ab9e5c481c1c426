//! `docs/` as users know it from the registry, generated from the schemas' descriptions and the
//! files under `examples/`: `docs/index.md`, `docs/resources/<type>.md`,
//! `docs/data-sources/<type>.md`, `docs/list-resources/<type>.md`. The `segsync-docs` binary
//! writes them; a test fails when the committed `docs/` differs from what it would write.

use std::collections::BTreeMap;
use std::path::Path;

use tfplugin::{AttrKind, Attribute, Block, Nesting, Provider, Type};

use crate::SegmentProvider;

/// Every docs file: path relative to `docs/` → content. `examples` is the repository's
/// `examples/` folder.
pub fn generate(examples: &Path) -> BTreeMap<String, String> {
    let p = SegmentProvider::default();
    let mut out = BTreeMap::new();
    let name_of = |t: &str| t.trim_start_matches("segment_").to_string();

    let mut index = String::from("---\npage_title: \"Provider: Segment\"\ndescription: |-\n  ");
    let schema = p.schema();
    index.push_str(&schema.block.description);
    index.push_str("\n---\n\n# Segment Provider\n\n");
    index.push_str(&schema.block.description);
    index.push_str(
        "\n\nThe provider speaks the Segment Public API, so it manages a Segment workspace or a self-hosted \
         `segsync-server` alike. It is a drop-in for configurations written for `segmentio/segment` v1.6.0: \
         the resource names and attributes are the same.\n\n",
    );
    index.push_str("## Example Usage\n\n");
    index.push_str(&example(&examples.join("provider/provider.tf"), "terraform"));
    index.push_str(
        "## Authentication\n\nGive `url` and `token`, or leave them out and set `PUBLIC_API_URL` and \
                    `PUBLIC_API_TOKEN`. A token with read scope is enough for plans and data sources.\n\n",
    );
    index.push_str(&schema_section(&schema.block));
    index.push_str(
        "## Guides\n\n- [Segment's API and the segsync twin](guides/segment-api-fidelity.md): what Segment's API does \
         that a client must handle, what the provider does about it, and how the `segsync-server` twin reproduces it.\n\n",
    );
    index.push_str(concat!(
        "## Terraform versions\n\n",
        "Tested on Terraform 1.15.5, 1.12.2 and 1.6.6.\n\n",
        "| Feature | Needs Terraform | On an older Terraform |\n",
        "| --- | --- | --- |\n",
        "| Every resource and data source, `terraform import` | 1.0 (plugin protocol 6) | — |\n",
        "| `import` blocks | 1.5 | — |\n",
        "| `settings_wo` (write-only secrets, never in plan or state) | 1.11 | refused at validation with an error on `settings_wo` naming 1.11 and saying to put the keys in `settings` through a `sensitive` variable (their values are then kept in state) |\n",
        "| Resource identity | 1.12 | not asked for; import by id works |\n",
        "| List resources (`terraform query`) | 1.14 | not asked for; nothing else changes |\n\n",
    ));
    index.push_str("## Resources\n\n");
    let mut resources = p.resources();
    resources.sort_by(|a, b| a.type_name().cmp(b.type_name()));
    let mut lists = p.list_resources();
    lists.sort_by(|a, b| a.type_name().cmp(b.type_name()));
    for r in &resources {
        index.push_str(&format!("- [`{0}`](resources/{1}.md)\n", r.type_name(), name_of(r.type_name())));
    }
    index.push_str("\n## Data Sources\n\n");
    for d in p.data_sources() {
        index.push_str(&format!("- [`{0}`](data-sources/{1}.md)\n", d.type_name(), name_of(d.type_name())));
    }
    index.push_str("\n## List Resources (`terraform query`)\n\n");
    for l in &lists {
        index.push_str(&format!("- [`{0}`](list-resources/{1}.md)\n", l.type_name(), name_of(l.type_name())));
    }
    out.insert("index.md".to_string(), index);

    for r in p.resources() {
        let t = r.type_name().to_string();
        let s = r.schema();
        let dir = examples.join("resources").join(&t);
        let mut doc = front_matter(&t, "Resource", &s.block.description);
        doc.push_str(&format!("# {t} (Resource)\n\n{}\n\n", s.block.description));
        if dir.join("resource.tf").exists() {
            doc.push_str("## Example Usage\n\n");
            doc.push_str(&example(&dir.join("resource.tf"), "terraform"));
        }
        doc.push_str(&schema_section(&s.block));
        doc.push_str("## Import\n\nImport is supported using the following syntax:\n\n");
        if dir.join("import.sh").exists() {
            doc.push_str(&example(&dir.join("import.sh"), "shell"));
        }
        doc.push_str(&format!(
            "Or with an `import` block (Terraform 1.5 and later), which `terraform plan -generate-config-out=…` can \
             turn into configuration:\n\n```terraform\nimport {{\n  to = {t}.example\n  id = \"…\"\n}}\n```\n\n"
        ));
        if let Some(id) = r.identity_schema() {
            doc.push_str("### Identity\n\nFrom Terraform 1.12, an `identity` block in an `import` block names the object:\n\n");
            for (name, ty, required, desc) in &id.attributes {
                doc.push_str(&format!("- `{name}` ({}, {}) {}\n", type_label(ty), if *required { "Required" } else { "Optional" }, desc));
            }
            doc.push('\n');
        }
        out.insert(format!("resources/{}.md", name_of(&t)), doc);
    }

    for d in p.data_sources() {
        let t = d.type_name().to_string();
        let s = d.schema();
        let dir = examples.join("data-sources").join(&t);
        let mut doc = front_matter(&t, "Data Source", &s.block.description);
        doc.push_str(&format!("# {t} (Data Source)\n\n{}\n\n", s.block.description));
        if dir.join("data-source.tf").exists() {
            doc.push_str("## Example Usage\n\n");
            doc.push_str(&example(&dir.join("data-source.tf"), "terraform"));
        }
        doc.push_str(&schema_section(&s.block));
        out.insert(format!("data-sources/{}.md", name_of(&t)), doc);
    }

    for l in p.list_resources() {
        let t = l.type_name().to_string();
        let s = l.schema();
        let mut doc = front_matter(&t, "List Resource", &s.block.description);
        doc.push_str(&format!(
            "# {t} (List Resource)\n\n{}\n\nUsed by `terraform query` from a `.tfquery.hcl` file:\n\n\
             ```terraform\nlist \"{t}\" \"all\" {{\n  provider = segment\n}}\n```\n\n\
             `terraform query -generate-config-out=generated.tf` writes an `import` and a `resource` block for \
             each object found.\n\n",
            s.block.description
        ));
        doc.push_str(&schema_section(&s.block));
        out.insert(format!("list-resources/{}.md", name_of(&t)), doc);
    }
    out
}

fn front_matter(type_name: &str, kind: &str, description: &str) -> String {
    let first = description.lines().next().unwrap_or_default();
    format!("---\npage_title: \"{type_name} {kind} - segment\"\nsubcategory: \"\"\ndescription: |-\n  {first}\n---\n\n")
}

fn example(path: &Path, lang: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    format!("```{lang}\n{}\n```\n\n", text.trim_end())
}

/// `String`, `List of String`, `Map of Number`, `Object`, …
fn type_label(t: &Type) -> String {
    match t {
        Type::String => "String".into(),
        Type::Number => "Number".into(),
        Type::Bool => "Boolean".into(),
        Type::Dynamic => "Dynamic".into(),
        Type::List(e) => format!("List of {}", type_label(e)),
        Type::Set(e) => format!("Set of {}", type_label(e)),
        Type::Map(e) => format!("Map of {}", type_label(e)),
        Type::Object(_) => "Object".into(),
        Type::Tuple(_) => "Tuple".into(),
    }
}

fn attr_type_label(a: &Attribute) -> String {
    match &a.kind {
        AttrKind::Plain(t) => type_label(t),
        AttrKind::Nested(n, _) => match n {
            Nesting::Single => "Attributes".into(),
            Nesting::List => "Attributes List".into(),
            Nesting::Set => "Attributes Set".into(),
            Nesting::Map => "Attributes Map".into(),
        },
    }
}

fn flags(a: &Attribute) -> String {
    let mut f = vec![attr_type_label(a)];
    if a.sensitive {
        f.push("Sensitive".into());
    }
    if a.write_only {
        f.push("Write-only".into());
    }
    if a.deprecation.is_some() {
        f.push("Deprecated".into());
    }
    f.join(", ")
}

fn attr_line(a: &Attribute, anchor: &str) -> String {
    let mut line = format!("- `{}` ({})", a.name, flags(a));
    if !a.description.is_empty() {
        line.push(' ');
        line.push_str(&a.description);
    }
    if a.requires_replace && !a.description.contains("replaces") {
        line.push_str(" Changing it replaces the object.");
    }
    if let Some(d) = &a.deprecation {
        line.push_str(&format!(" **Deprecated:** {d}"));
    }
    if matches!(a.kind, AttrKind::Nested(..)) {
        line.push_str(&format!(" (see [below for nested schema](#nestedatt--{anchor}))"));
    }
    line.push('\n');
    line
}

/// The `## Schema` section: required, optional, read-only, then nested schemas.
fn schema_section(block: &Block) -> String {
    let mut s = String::from("## Schema\n\n");
    let mut nested = Vec::new();
    groups(&block.attributes, "", &mut s, &mut nested);
    while let Some((anchor, attrs)) = nested.first().cloned() {
        nested.remove(0);
        s.push_str(&format!("<a id=\"nestedatt--{anchor}\"></a>\n### Nested Schema for `{}`\n\n", anchor.replace("--", ".")));
        groups(&attrs, &anchor, &mut s, &mut nested);
    }
    s
}

fn groups(attrs: &[Attribute], prefix: &str, s: &mut String, nested: &mut Vec<(String, Vec<Attribute>)>) {
    let mut sorted: Vec<&Attribute> = attrs.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let heading = |n: &str| if prefix.is_empty() { format!("### {n}\n\n") } else { format!("{n}:\n\n") };
    for (title, pick) in [
        ("Required", (|a: &Attribute| a.required) as fn(&Attribute) -> bool),
        ("Optional", |a: &Attribute| a.optional),
        ("Read-Only", |a: &Attribute| a.computed && !a.optional && !a.required),
    ] {
        let chosen: Vec<&&Attribute> = sorted.iter().filter(|a| pick(a)).collect();
        if chosen.is_empty() {
            continue;
        }
        s.push_str(&heading(title));
        for a in chosen {
            let anchor = if prefix.is_empty() { a.name.clone() } else { format!("{prefix}--{}", a.name) };
            s.push_str(&attr_line(a, &anchor));
            if let AttrKind::Nested(_, inner) = &a.kind {
                nested.push((anchor, inner.clone()));
            }
        }
        s.push('\n');
    }
}

fn files_under(dir: &Path, base: &Path, out: &mut std::collections::BTreeSet<String>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            // `docs/guides/` holds hand-written guides (the registry's guides), not generated.
            if p.strip_prefix(base).is_ok_and(|r| r == Path::new("guides")) {
                continue;
            }
            files_under(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.insert(rel.display().to_string());
        }
    }
}

/// The files of `docs` that differ from `want` or should not be there (relative paths).
pub fn stale(docs: &Path, want: &BTreeMap<String, String>) -> Vec<String> {
    let mut have = std::collections::BTreeSet::new();
    files_under(docs, docs, &mut have);
    let mut out: Vec<String> = want
        .iter()
        .filter(|(rel, text)| std::fs::read_to_string(docs.join(rel)).ok().as_deref() != Some(text.as_str()))
        .map(|(rel, _)| rel.clone())
        .collect();
    out.extend(have.into_iter().filter(|r| !want.contains_key(r)));
    out
}
