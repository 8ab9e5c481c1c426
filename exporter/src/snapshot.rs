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
    /// How the export is cut into root modules (`--split-by`; Segment's layout: by kind).
    pub split: layout::Split,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            layout: Layout::Flat,
            literal_ids: false,
            provider_source: "segsync/segment".into(),
            spaces: vec![],
            terraform: TerraformTarget::default(),
            split: layout::Split::None,
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

/// The objects other files may refer to: (type, import id) of every exported object, and the
/// root folder its file is in (a reference reaches only within a root).
pub type Targets = BTreeMap<(String, String), String>;

/// An object as the target of references.
pub fn target_of(item: &Item) -> Option<(String, String)> {
    Some((item.type_name.to_string(), item.import_id.clone()))
}

/// The object a file this exporter wrote holds, as a reference target: the type of its
/// `resource` block and the id of its `import` block.
pub fn target_in(text: &str) -> Option<(String, String)> {
    let mut lines = text.lines();
    lines.by_ref().find(|l| *l == "import {")?;
    let id = lines.by_ref().take_while(|l| *l != "}").find_map(|l| l.trim_start().strip_prefix("id = "))?;
    let id = render::unquote(id.trim_end())?;
    let type_name = text.lines().find_map(|l| l.strip_prefix("resource \"")?.split('"').next())?;
    Some((type_name.to_string(), id))
}

/// The secret variables of a `variables.tf` this exporter wrote: each block by name, and each
/// object's secret keys (from the description [`Renderer::render`] gives a variable).
pub fn variables_in(text: &str) -> (BTreeMap<String, String>, BTreeMap<String, BTreeSet<String>>) {
    let mut blocks = BTreeMap::new();
    let mut secrets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in text.split("\n\n") {
        let block = block.trim_matches('\n');
        let Some(name) = block.strip_prefix("variable \"").and_then(|r| r.split('"').next()) else { continue };
        let described = block.lines().find_map(|l| l.trim_start().strip_prefix("description = ")).and_then(render::unquote);
        if let Some((key, type_name, import_id)) = described.as_deref().and_then(secret_described) {
            secrets.entry(secret_key(type_name, import_id)).or_default().insert(key.to_string());
        }
        blocks.insert(name.to_string(), format!("{block}\n"));
    }
    (blocks, secrets)
}

/// A secret variable's description: "Secret setting <key> of <type> <import id>".
fn secret_described(d: &str) -> Option<(&str, &str, &str)> {
    let rest = d.strip_prefix("Secret setting ")?;
    let mut parts = rest.rsplitn(3, ' ');
    let (import_id, type_name) = (parts.next()?, parts.next()?);
    Some((parts.next()?.strip_suffix(" of")?, type_name, import_id))
}

/// The description of a secret variable ([`secret_described`] reads it back).
fn secret_description(key: &str, type_name: &str, import_id: &str) -> String {
    format!("Secret setting {key} of {type_name} {import_id}")
}

/// The kinds a user group's permission can name, by the permission resource's `type`
/// (`FUNCTION, SOURCE, SPACE, WAREHOUSE or WORKSPACE`; spaces and the workspace are not exported).
const PERMISSION_TARGETS: &[(&str, &str)] =
    &[("SOURCE", "segment_source"), ("WAREHOUSE", "segment_warehouse"), ("FUNCTION", "segment_function")];

/// A kind's name in comments and commit messages: `Source`, `Destination filter`,
/// `Reverse ETL model`.
pub fn noun(type_name: &str) -> String {
    let words: Vec<String> = type_name
        .trim_start_matches("segment_")
        .split('_')
        .enumerate()
        .map(|(i, w)| match w {
            "etl" => "ETL".to_string(),
            w if i == 0 => w[..1].to_ascii_uppercase() + &w[1..],
            w => w.to_string(),
        })
        .collect();
    words.join(" ")
}

/// An object's human name: its `name`, `display_name`, `title` or `email`, else what the
/// inventory shows for it (a label's `key:value`, a connection's two ends).
pub fn title_of(item: &Item) -> String {
    ["name", "display_name", "title", "email"]
        .iter()
        .find_map(|a| item.state.get(a).as_str().filter(|s| !s.is_empty()).map(str::to_string))
        .unwrap_or_else(|| item.display.clone())
}

/// What an object is an instance of: the catalog item (`Amplitude destination`) or a
/// function's type (`Insert destination function`).
fn instance_of(item: &Item) -> Option<String> {
    if let Some(c) = &item.catalog {
        return Some(format!("{c} {}", noun(item.type_name).to_lowercase()));
    }
    let rt = item.state.get("resource_type").as_str()?;
    (item.type_name == "segment_function").then(|| noun(&format!("{}_function", rt.to_ascii_lowercase())))
}

/// The object named as commit messages and file comments name it: `Source 'Web App' (dXpLZ…)`.
pub fn naming(type_name: &str, title: &str, import_id: &str) -> String {
    format!("{} '{title}' ({import_id})", noun(type_name))
}

/// The first line of an object's file: what it is, by name and id, and of which catalog item;
/// a source's slug too (what its write key and URLs go by).
pub fn header(item: &Item) -> String {
    let id = match item.state.get("slug").as_str() {
        Some(slug) => format!("slug {slug}, {}", item.import_id),
        None => item.import_id.clone(),
    };
    let mut s = naming(item.type_name, &title_of(item), &id);
    if let Some(of) = instance_of(item) {
        s.push_str(&format!(": {of}"));
    }
    render::comment(&s)
}

/// The object as [`header`] named it in a file's first line (`Source 'Web App' (…)`), without
/// what it is an instance of.
pub fn naming_in(text: &str) -> Option<String> {
    let first = text.lines().next()?.strip_prefix("# ")?;
    let title_end = first.rfind("' (")?;
    let close = first[title_end..].find(')')? + title_end;
    Some(first[..=close].to_string())
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
    /// Shared with the readers' [`Renderer::shape`].
    schemas: std::sync::Arc<BTreeMap<String, Block>>,
    pub opts: Options,
}

impl Renderer {
    pub fn new(opts: Options) -> Self {
        Renderer { schemas: std::sync::Arc::new(schemas()), opts }
    }

    /// Drops what the object's file will not show (see [`render::prune`]).
    pub fn prune(&self, mut it: Item) -> Item {
        if let Some(block) = self.schemas.get(it.type_name) {
            it.state = render::prune(&block.attributes, &it.state);
        }
        it
    }

    /// [`Renderer::prune`] as a reader's [`segment_provider::kind::Shape`].
    pub fn shape(&self) -> segment_provider::kind::Shape {
        let schemas = self.schemas.clone();
        std::sync::Arc::new(move |type_name, state| match schemas.get(type_name) {
            Some(b) => render::prune(&b.attributes, &state),
            None => state,
        })
    }

    /// The file of one object (pure: the same inputs give the same bytes). `None` for a type the
    /// provider does not know.
    pub fn render(&self, it: &Item, root: &str, targets: &Targets, secret_keys: &BTreeSet<String>) -> Option<Rendered> {
        let block = self.schemas.get(it.type_name)?;
        // Objects referred to that live in another root: literal ids, named in the header.
        let elsewhere = std::cell::RefCell::new(BTreeSet::new());
        let sub = |path: &[&str], value: &str, parent: &tfplugin::Value| -> Option<String> {
            if self.opts.literal_ids {
                return None;
            }
            let refer = |target: &str, id: &str, attr: &str| match targets.get(&(target.to_string(), id.to_string())) {
                Some(r) if r == root => Some(format!("{target}.{}.{attr}", layout::label(id))),
                Some(r) => {
                    elsewhere.borrow_mut().insert(format!("# Refers by id to {} {id}, managed in the root {r}/.", noun(target)));
                    None
                }
                None => None,
            };
            match path {
                // `source_id`, `destination_id`, …: the object of the kind referred to that way.
                [one] => {
                    let target = segment_provider::resources::ALL.iter().find(|k| k.referenced_as.contains(one))?.type_name;
                    refer(target, value, "id")
                }
                // A source's labels, and labels a permission is limited to: the exported label.
                [.., "labels", attr @ ("key" | "value")] => {
                    let (k, v) = (parent.get("key").as_str()?, parent.get("value").as_str()?);
                    refer("segment_label", &segment_provider::kind::join_id(&[k, v]), attr)
                }
                // A permission's resource, by its type.
                ["permissions", "resources", "id"] => {
                    let kind = parent.get("type").as_str()?;
                    let target = PERMISSION_TARGETS.iter().find(|(t, _)| *t == kind)?.1;
                    refer(target, value, "id")
                }
                _ => None,
            }
        };
        let mut extra = Extra::default();
        let mut variables = BTreeMap::new();
        if !secret_keys.is_empty() {
            let key_expr =
                |k: &str| if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') { k.to_string() } else { render::quote(k) };
            let entries: Vec<(String, String)> = secret_keys
                .iter()
                .map(|k| {
                    let var = secret_variable(it.type_name, &it.import_id, k);
                    variables.insert(
                        var.clone(),
                        format!(
                            "variable \"{var}\" {{\n  description = {}\n  type        = string\n  sensitive   = true\n  default     = null\n}}\n",
                            render::quote(&secret_description(k, it.type_name, &it.import_id))
                        ),
                    );
                    (key_expr(k), format!("var.{var}"))
                })
                .collect();
            if self.opts.terraform.write_only() {
                extra.lines.push(("settings_wo".into(), format!("jsonencode({})", render::object(&entries, 1))));
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
        let head = header(it);
        let mut text = render::resource_file(&head, it.type_name, &label, &it.import_id, block, &it.state, &sub, &extra);
        let elsewhere = elsewhere.into_inner();
        if !elsewhere.is_empty() && text.starts_with(&head) {
            // Under the header (one line): [`naming_in`] and [`target_in`] read the file as before.
            text.insert_str(head.len(), &(elsewhere.into_iter().collect::<Vec<_>>().join("\n") + "\n"));
        }
        Some(Rendered { path: layout::path_in(root, self.opts.layout, it.type_name, &it.import_id), text, variables })
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

/// `atlantis.yaml` for an export split into roots: one project per root folder, planned when a
/// file in it changes. `prefix` is the export's folder in the repository (`--path`): Atlantis
/// reads the file at the repository's top, where it must be copied or merged when there is one.
pub fn atlantis_yaml(prefix: &str, roots: &BTreeSet<String>) -> String {
    let mut s = String::from("# Written by segsync-export: one Atlantis project per root module (--split-by). A change\n# plans only the root it is in.\nversion: 3\nautomerge: false\nparallel_plan: true\nprojects:\n");
    for root in roots {
        let dir = if prefix.is_empty() { root.clone() } else { format!("{prefix}/{root}") };
        s.push_str(&format!("  - name: {}\n    dir: {dir}\n    autoplan:\n      when_modified: [\"*.tf\"]\n", layout::folder_name(&dir)));
    }
    s
}

pub fn providers_tf(source: &str, terraform: TerraformTarget) -> String {
    format!(
        "# Written by segsync-export. The provider reads PUBLIC_API_URL and PUBLIC_API_TOKEN.\nterraform {{\n  required_version = \">= {terraform}\"\n\n  required_providers {{\n    segment = {{\n      source = {}\n    }}\n  }}\n}}\n\nprovider \"segment\" {{}}\n",
        render::quote(source)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full read renders each kind as it arrives: every kind a file can refer to comes
    /// before it in the inventory's order.
    #[test]
    fn kinds_come_after_every_kind_they_refer_to() {
        let order: Vec<&str> = segment_provider::inventory::types().collect();
        let at = |t: &str| order.iter().position(|x| *x == t).unwrap_or_else(|| panic!("{t} not in the inventory"));
        let mut checked = 0;
        for (type_name, block) in schemas() {
            for a in &block.attributes {
                for k in segment_provider::resources::ALL.iter().filter(|k| k.referenced_as.contains(&a.name.as_str())) {
                    if k.type_name != type_name {
                        assert!(at(k.type_name) < at(&type_name), "{type_name}.{} refers to {} which comes later", a.name, k.type_name);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 10, "{checked} references checked");
        assert!(at("segment_label") < at("segment_source"), "sources refer to labels");
        for (_, target) in PERMISSION_TARGETS.iter().chain([&("LABEL", "segment_label")]) {
            assert!(at(target) < at("segment_user_group"), "permissions refer to {target}");
        }
    }

    #[test]
    fn files_and_variables_say_what_they_hold() {
        let file = "# Destination filter 'x' (d:f)\nimport {\n  to = segment_destination_filter.id-d_f\n  id = \"d:f\"\n}\n\nresource \"segment_destination_filter\" \"id-d_f\" {\n  id = \"not this\"\n}\n";
        assert_eq!(target_in(file), Some(("segment_destination_filter".to_string(), "d:f".to_string())));
        assert_eq!(target_in("resource \"segment_source\" \"x\" {}\n"), None);
        let var = |k: &str, t: &str, id: &str| {
            let name = secret_variable(t, id, k);
            format!(
                "variable \"{name}\" {{\n  description = {}\n  type        = string\n}}\n",
                render::quote(&secret_description(k, t, id))
            )
        };
        let blocks =
            [var("api key", "segment_destination", "d1"), var("token", "segment_destination", "d1"), var("pw", "segment_warehouse", "w")];
        let text = variables_tf(blocks.iter());
        let (vars, secrets) = variables_in(&text);
        assert_eq!(variables_tf(vars.values()), text);
        assert_eq!(secrets[&secret_key("segment_destination", "d1")], BTreeSet::from(["api key".to_string(), "token".to_string()]));
        assert_eq!(secrets[&secret_key("segment_warehouse", "w")], BTreeSet::from(["pw".to_string()]));
        assert!(variables_in(&variables_tf(std::iter::empty())).0.is_empty());
    }
}
