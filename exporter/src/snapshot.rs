//! The files that represent a workspace: one per object, plus the exporter-owned
//! `providers.tf` and `variables.tf`. Secrets never reach a file: masked settings become
//! `sensitive` variables; ids of exported objects become references.

use std::collections::{BTreeMap, BTreeSet};

use segment_provider::inventory::Item;
use tfplugin::{Block, Provider};

use crate::layout::{self, Layout};
use crate::render::{self, Extra};

#[derive(Debug, Clone)]
pub struct Options {
    pub layout: Layout,
    /// Keep literal ids instead of references between exported objects.
    pub literal_ids: bool,
    /// `required_providers` source, e.g. `segsync/segment`.
    pub provider_source: String,
    /// Spaces whose profiles warehouses are exported.
    pub spaces: Vec<String>,
    /// The oldest Terraform the files must work on (`--terraform-version`).
    pub terraform: TerraformTarget,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            layout: Layout::Flat,
            literal_ids: false,
            provider_source: "segsync/segment".into(),
            spaces: vec![],
            terraform: TerraformTarget::default(),
        }
    }
}

/// The oldest Terraform an export is written for: `(major, minor)`. From 1.11 secrets go into
/// write-only `settings_wo` (never in state); before it into `settings` through `sensitive`
/// variables (kept in state, as with the official provider), each key left out while its
/// variable is unset, so an import needs no secret. Import blocks need 1.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerraformTarget(pub u32, pub u32);

impl Default for TerraformTarget {
    fn default() -> Self {
        TerraformTarget(1, 11)
    }
}

impl TerraformTarget {
    pub const OLDEST: TerraformTarget = TerraformTarget(1, 5);

    /// Whether write-only attributes can be written (Terraform 1.11+).
    pub fn write_only(self) -> bool {
        self >= TerraformTarget(1, 11)
    }
}

impl PartialOrd for TerraformTarget {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TerraformTarget {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0, self.1).cmp(&(other.0, other.1))
    }
}

impl std::str::FromStr for TerraformTarget {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a Terraform version such as 1.6 or 1.11");
        let mut parts = s.trim().trim_start_matches('v').split('.');
        let major: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let minor: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let t = TerraformTarget(major, minor);
        if t < Self::OLDEST {
            return Err(format!("{s}: exports need Terraform 1.5 or later (import blocks)"));
        }
        Ok(t)
    }
}

impl std::fmt::Display for TerraformTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

pub fn schemas() -> BTreeMap<String, Block> {
    segment_provider::SegmentProvider::default().resources().into_iter().map(|r| (r.type_name().to_string(), r.schema().block)).collect()
}

/// A variable name for a secret setting: stable for the object and key.
pub fn secret_variable(type_name: &str, import_id: &str, key: &str) -> String {
    let raw = format!("{}_{}_{}", type_name.trim_start_matches("segment_"), import_id, key);
    let mut out: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'v');
    }
    out
}

/// The key under which the exporter files an object's secret settings keys.
pub fn secret_key(type_name: &str, import_id: &str) -> String {
    format!("{type_name}\u{0}{import_id}")
}

/// [`secret_key`] of an item.
pub fn secret_key_of(item: &Item) -> String {
    secret_key(item.type_name, &item.import_id)
}

/// The ids other files may refer to: (type, id) of every exported object with a simple id.
pub type Targets = BTreeSet<(String, String)>;

/// Whether an object can be the target of a reference.
pub fn target_of(item: &Item) -> Option<(String, String)> {
    let simple = segment_provider::resources::kind(item.type_name).is_some_and(|k| k.id == segment_provider::kind::IdShape::Id);
    simple.then(|| (item.type_name.to_string(), item.import_id.clone()))
}

/// One object rendered: its file and the sensitive variables it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub path: String,
    pub text: String,
    /// Variable name → its `variable` block.
    pub variables: BTreeMap<String, String>,
}

/// Renders objects one at a time from the provider's schemas (built once).
pub struct Renderer {
    schemas: BTreeMap<String, Block>,
    pub opts: Options,
}

impl Renderer {
    pub fn new(opts: Options) -> Self {
        Renderer { schemas: schemas(), opts }
    }

    /// Drops what the object's file will not show (see [`render::prune`]).
    pub fn prune(&self, mut it: Item) -> Item {
        if let Some(block) = self.schemas.get(it.type_name) {
            it.state = render::prune(&block.attributes, &it.state);
        }
        it
    }

    /// The file of one object (pure: the same inputs give the same bytes). `None` for a type the
    /// provider does not know.
    pub fn render(&self, it: &Item, targets: &Targets, secret_keys: &BTreeSet<String>) -> Option<Rendered> {
        let block = self.schemas.get(it.type_name)?;
        let sub = |path: &[&str], value: &str| -> Option<String> {
            if self.opts.literal_ids || path.len() != 1 {
                return None;
            }
            let target = segment_provider::resources::ALL.iter().find(|k| k.referenced_as.contains(&path[0]))?.type_name;
            targets.contains(&(target.to_string(), value.to_string())).then(|| format!("{target}.{}.id", layout::label(value)))
        };
        let mut extra = Extra::default();
        let mut variables = BTreeMap::new();
        if !secret_keys.is_empty() {
            let key_expr =
                |k: &str| if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') { k.to_string() } else { render::quote(k) };
            let entries: Vec<String> = secret_keys
                .iter()
                .map(|k| {
                    let var = secret_variable(it.type_name, &it.import_id, k);
                    variables.insert(
                        var.clone(),
                        format!(
                            "variable \"{var}\" {{\n  description = {}\n  type        = string\n  sensitive   = true\n  default     = null\n}}\n",
                            render::quote(&format!("Secret setting {k} of {} {}", it.type_name, it.import_id))
                        ),
                    );
                    format!("    {} = var.{var}", key_expr(k))
                })
                .collect();
            if self.opts.terraform.write_only() {
                extra.lines.push(("settings_wo".into(), format!("jsonencode({{\n{}\n  }})", entries.join("\n"))));
            } else {
                // Before write-only attributes: each secret joins `settings` when its variable is
                // set, and is left out while it is unset (so importing needs no secret).
                let known = it.state.get("settings").as_str().and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
                let known = known.unwrap_or_else(|| serde_json::json!({}));
                let mut parts = vec![render::json_hcl(&known, 2)];
                for k in secret_keys {
                    let var = secret_variable(it.type_name, &it.import_id, k);
                    // `nonsensitive` on the test only: while the variable is unset, `settings` is not marked
                    // sensitive (a mark alone would plan an update right after an import).
                    parts.push(format!("nonsensitive(var.{var} == null) ? {{}} : {{ {} = var.{var} }}", key_expr(k)));
                }
                extra.lines.push(("settings".into(), format!("jsonencode(merge(\n    {},\n  ))", parts.join(",\n    "))));
            }
        }
        let label = layout::label(&it.import_id);
        let text = render::resource_file(it.type_name, &label, &it.import_id, block, &it.state, &sub, &extra);
        Some(Rendered { path: layout::file_for(self.opts.layout, it.type_name, &it.import_id), text, variables })
    }
}

/// The export's `.gitignore`: what running Terraform in the folder leaves behind.
pub const GITIGNORE: &str = "# Written by segsync-export: what running Terraform here leaves behind.\n.terraform/\n*.tfstate\n*.tfstate.*\n*.tfplan\ntfplan\ncrash.log\ncrash.*.log\n";

/// A commented backend example: Terraform keeps state in the folder unless a backend says
/// otherwise, and Atlantis or CI need a shared one.
pub const BACKEND_EXAMPLE: &str = "# Written by segsync-export. Terraform keeps state in this folder unless a backend says\n# otherwise; Atlantis and CI need a shared one. Copy this file to backend.tf and fill it in,\n# for example:\n#\n# terraform {\n#   backend \"s3\" {\n#     bucket = \"my-terraform-state\"\n#     key    = \"segment/terraform.tfstate\"\n#     region = \"us-east-1\"\n#   }\n# }\n";

/// `variables.tf` from every secret variable, sorted by name (so it does not depend on the order
/// objects were seen in).
pub fn variables_tf<'a>(blocks: impl Iterator<Item = &'a String>) -> String {
    let all: Vec<&str> = blocks.map(|b| b.trim_end()).collect();
    if all.is_empty() {
        "# Secret settings of exported objects appear here as sensitive variables.\n".to_string()
    } else {
        all.join("\n\n") + "\n"
    }
}

pub fn providers_tf(source: &str, terraform: TerraformTarget) -> String {
    render::align(&format!(
        "# Written by segsync-export. The provider reads PUBLIC_API_URL and PUBLIC_API_TOKEN.\nterraform {{\n  required_version = \">= {terraform}\"\n\n  required_providers {{\n    segment = {{\n      source = {}\n    }}\n  }}\n}}\n\nprovider \"segment\" {{}}\n",
        render::quote(source)
    ))
}
