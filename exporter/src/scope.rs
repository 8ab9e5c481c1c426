//! Which objects an export holds: `--include` / `--exclude` selectors (by kind, label or id) and
//! `--exclude-managed-by` (objects a Terraform state already manages, so that no object has two
//! owners).
//!
//! Labels live on sources (`labels` of `segment_source`), so a label selects the sources that
//! carry it, what belongs to those sources — their destinations, and the destinations' filters,
//! subscriptions and insert-function instances, their tracking-plan and warehouse connections —
//! and the `segment_label` object itself. An id selects the object with that id (its import id,
//! or its own id for an object under another one) and what belongs to it in the same way.
//! Objects that belong to no source (tracking plans, warehouses, functions, users…) are chosen
//! by kind or id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use segment_provider::inventory::Item;

use crate::layout::{folder_name, Split, WORKSPACE_ROOT};
use segment_provider::kind::{join_id, split_id, IdShape};

/// One `--include` / `--exclude` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// `kind:source`, `source` or `segment_source`.
    Kind(&'static str),
    /// `label:team=growth`, or `label:team` for any value.
    Label { key: String, value: Option<String> },
    /// `id:<id>`.
    Id(String),
}

impl std::str::FromStr for Selector {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(l) = s.strip_prefix("label:") {
            let (key, value) = match l.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (l, None),
            };
            if key.is_empty() {
                return Err(format!("{s:?}: say label:<key>=<value> or label:<key>"));
            }
            return Ok(Selector::Label { key: key.to_string(), value });
        }
        if let Some(id) = s.strip_prefix("id:") {
            if id.is_empty() {
                return Err(format!("{s:?}: say id:<id>"));
            }
            return Ok(Selector::Id(id.to_string()));
        }
        let name = s.strip_prefix("kind:").unwrap_or(s);
        let full = if name.starts_with("segment_") { name.to_string() } else { format!("segment_{name}") };
        segment_provider::inventory::types().find(|t| *t == full).map(Selector::Kind).ok_or_else(|| {
            let kinds: Vec<&str> = segment_provider::inventory::types().map(|t| t.trim_start_matches("segment_")).collect();
            format!("{s:?} is not a kind, label:<key>=<value> or id:<id>; kinds: {}", kinds.join(", "))
        })
    }
}

impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Selector::Kind(t) => write!(f, "kind:{}", t.trim_start_matches("segment_")),
            Selector::Label { key, value: Some(v) } => write!(f, "label:{key}={v}"),
            Selector::Label { key, value: None } => write!(f, "label:{key}"),
            Selector::Id(id) => write!(f, "id:{id}"),
        }
    }
}

/// What objects belong to: a destination's source, and the labels of each source. Learned from
/// every object read, exported or not.
#[derive(Debug, Default, Clone)]
pub struct Index {
    destination_source: BTreeMap<String, String>,
    source_labels: BTreeMap<String, BTreeSet<(String, String)>>,
}

impl Index {
    pub fn learn(&mut self, it: &Item) {
        match it.type_name {
            "segment_destination" => {
                if let Some(s) = it.state.get("source_id").as_str() {
                    self.destination_source.insert(it.import_id.clone(), s.to_string());
                }
            }
            "segment_source" => {
                let labels = it
                    .state
                    .get("labels")
                    .as_elements()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|l| Some((l.get("key").as_str()?.to_string(), l.get("value").as_str()?.to_string())))
                    .collect();
                self.source_labels.insert(it.import_id.clone(), labels);
            }
            _ => {}
        }
    }

    /// The root folder an object's file goes to under `split` (see [`crate::layout::Split`]):
    /// by kind, Segment's folder; by source, `source_<id>` of the source it belongs to; by label
    /// keys, `<key>_<value>` of that source's label of the first key it has (`no_<keys>` without
    /// one); objects that belong to no source, `workspace`.
    pub fn root(&self, split: &Split, it: &Item) -> String {
        let owner = || self.owners(it).1;
        match split {
            Split::None => String::new(),
            Split::Kind => crate::layout::segment_folder(it.type_name),
            Split::Source => match owner() {
                Some(s) => folder_name(&format!("source_{s}")),
                None => WORKSPACE_ROOT.to_string(),
            },
            Split::Label(keys) => match owner() {
                Some(s) => {
                    let labels = self.source_labels.get(&s);
                    match keys.iter().find_map(|key| labels?.iter().find(|(k, _)| k == key)) {
                        Some((k, v)) => folder_name(&format!("{k}_{v}")),
                        None => folder_name(&format!("no_{}", keys.join("_"))),
                    }
                }
                None => WORKSPACE_ROOT.to_string(),
            },
        }
    }

    /// The destination and the source an object belongs to (ids), where it belongs to one.
    fn owners(&self, it: &Item) -> (Option<String>, Option<String>) {
        let parts = split_id(&it.import_id);
        let destination = match it.type_name {
            "segment_destination" => Some(it.import_id.clone()),
            "segment_destination_filter" | "segment_destination_subscription" => parts.first().map(|p| p.to_string()),
            "segment_insert_function_instance" => it.state.get("integration_id").as_str().map(str::to_string),
            _ => None,
        };
        let source = match it.type_name {
            "segment_source" => Some(it.import_id.clone()),
            "segment_source_tracking_plan_connection" | "segment_source_warehouse_connection" => parts.first().map(|p| p.to_string()),
            _ => destination.as_ref().and_then(|d| self.destination_source.get(d).cloned()),
        };
        (destination, source)
    }
}

/// Why an object is not in the export.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    NotIncluded,
    Excluded(String),
    ManagedBy(PathBuf),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::NotIncluded => write!(f, "not selected by --include"),
            Reason::Excluded(s) => write!(f, "--exclude {s}"),
            Reason::ManagedBy(p) => write!(f, "managed by {}", p.display()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScopeError {
    #[error("reading {path} failed")]
    Read { path: String, source: std::io::Error },
    #[error("{path} is neither a Terraform state file nor `terraform show -json` output")]
    NotAState { path: String },
}

/// The selectors and the states whose objects are left out.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub include: Vec<Selector>,
    pub exclude: Vec<Selector>,
    /// State files (or `terraform show -json` output) whose objects belong to another root.
    pub managed_by: Vec<PathBuf>,
    /// (type, import id) of the objects those states manage, read at each full read.
    managed: BTreeMap<(String, String), PathBuf>,
}

impl Scope {
    pub fn new(include: Vec<Selector>, exclude: Vec<Selector>, managed_by: Vec<PathBuf>) -> Self {
        Scope { include, exclude, managed_by, managed: BTreeMap::new() }
    }

    pub fn is_everything(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty() && self.managed_by.is_empty()
    }

    /// Reads the states again (they change as another root adopts objects).
    pub fn reload(&mut self) -> Result<(), ScopeError> {
        let mut managed = BTreeMap::new();
        for path in &self.managed_by {
            for key in managed_in(path)? {
                managed.entry(key).or_insert_with(|| path.clone());
            }
        }
        self.managed = managed;
        Ok(())
    }

    /// Whether a kind must be listed at all: not when `--exclude` names it, or `--include` names
    /// only other kinds — unless labels or ids are selected, which need sources and destinations
    /// to know what belongs to what.
    pub fn lists(&self, type_name: &str) -> bool {
        let me = kind_selector(type_name);
        // Sources and destinations say what belongs to what: read even when not exported.
        if self.by_owner() && matches!(type_name, "segment_source" | "segment_destination") {
            return true;
        }
        if self.exclude.contains(&me) {
            return false;
        }
        self.include.is_empty() || self.include.iter().any(|s| !matches!(s, Selector::Kind(_)) || *s == me)
    }

    /// Whether a selector chooses objects by what they belong to (a label, an id): deciding
    /// needs the [`Index`] a full read builds.
    pub fn by_owner(&self) -> bool {
        self.include.iter().chain(&self.exclude).any(|s| !matches!(s, Selector::Kind(_)))
    }

    /// `Ok` when the object is exported, else why not.
    pub fn admits(&self, it: &Item, index: &Index) -> Result<(), Reason> {
        if !self.include.is_empty() && !self.include.iter().any(|s| matches(s, it, index)) {
            return Err(Reason::NotIncluded);
        }
        if let Some(s) = self.exclude.iter().find(|s| matches(s, it, index)) {
            return Err(Reason::Excluded(s.to_string()));
        }
        if let Some(p) = self.managed.get(&(it.type_name.to_string(), it.import_id.clone())) {
            return Err(Reason::ManagedBy(p.clone()));
        }
        Ok(())
    }
}

/// The kind selector of a type name.
fn kind_selector(type_name: &str) -> Selector {
    Selector::Kind(segment_provider::resources::kind(type_name).map_or("", |k| k.type_name))
}

fn matches(s: &Selector, it: &Item, index: &Index) -> bool {
    let (destination, source) = index.owners(it);
    match s {
        Selector::Kind(t) => it.type_name == *t,
        Selector::Id(id) => {
            it.import_id == *id
                || split_id(&it.import_id).last() == Some(&id.as_str())
                || destination.as_deref() == Some(id)
                || source.as_deref() == Some(id)
        }
        Selector::Label { key, value } => {
            let hit = |k: &str, v: &str| k == key && value.as_deref().is_none_or(|want| want == v);
            if it.type_name == "segment_label" {
                let parts = split_id(&it.import_id);
                return parts.len() == 2 && hit(parts[0], parts[1]);
            }
            source.and_then(|s| index.source_labels.get(&s)).is_some_and(|labels| labels.iter().any(|(k, v)| hit(k, v)))
        }
    }
}

/// (type, import id) of every `segment_*` object a state file or `terraform show -json` output
/// manages, in any module.
pub fn managed_in(path: &Path) -> Result<Vec<(String, String)>, ScopeError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ScopeError::Read { path: shown.clone(), source })?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|_| ScopeError::NotAState { path: shown.clone() })?;
    let mut out = Vec::new();
    if let Some(resources) = json.get("resources").and_then(|r| r.as_array()) {
        // A state file (format 4): resources with instances of attributes.
        for r in resources {
            if r.get("mode").and_then(|m| m.as_str()) != Some("managed") {
                continue;
            }
            let Some(t) = r.get("type").and_then(|t| t.as_str()) else { continue };
            for inst in r.get("instances").and_then(|i| i.as_array()).into_iter().flatten() {
                out.extend(inst.get("attributes").and_then(|a| import_id_of(t, a)).map(|id| (t.to_string(), id)));
            }
        }
    } else if let Some(root) = json.get("values").and_then(|v| v.get("root_module")) {
        // `terraform show -json`: modules of resources with values.
        let mut modules = vec![root];
        while let Some(m) = modules.pop() {
            for r in m.get("resources").and_then(|r| r.as_array()).into_iter().flatten() {
                if r.get("mode").and_then(|m| m.as_str()) != Some("managed") {
                    continue;
                }
                let Some(t) = r.get("type").and_then(|t| t.as_str()) else { continue };
                out.extend(r.get("values").and_then(|a| import_id_of(t, a)).map(|id| (t.to_string(), id)));
            }
            modules.extend(m.get("child_modules").and_then(|c| c.as_array()).into_iter().flatten());
        }
    } else if json.get("format_version").is_none() && json.get("version").is_none() {
        return Err(ScopeError::NotAState { path: shown });
    }
    Ok(out)
}

/// The import id of an object from its state attributes (`id`, or the two parts of a composite
/// id, as the kind names them).
fn import_id_of(type_name: &str, attrs: &serde_json::Value) -> Option<String> {
    let kind = segment_provider::resources::kind(type_name)?;
    let get = |k: &str| attrs.get(k).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    match kind.id {
        IdShape::Id => get("id").map(str::to_string),
        IdShape::Parts([a, b]) => Some(join_id(&[get(a)?, get(b)?])),
    }
}

/// What a run left out, for one summary line.
#[derive(Debug, Default)]
pub struct Skipped {
    pub by_reason: BTreeMap<Reason, usize>,
}

impl Skipped {
    pub fn add(&mut self, r: Reason) {
        *self.by_reason.entry(r).or_default() += 1;
    }

    pub fn total(&self) -> usize {
        self.by_reason.values().sum()
    }

    /// `12 not selected by --include, 3 managed by ../core/terraform.tfstate`.
    pub fn summary(&self) -> String {
        self.by_reason.iter().map(|(r, n)| format!("{n} {r}")).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_and_name_themselves() {
        for (input, shown) in [
            ("source", "kind:source"),
            ("kind:segment_destination", "kind:destination"),
            ("label:team=growth", "label:team=growth"),
            ("label:team", "label:team"),
            ("id:abc", "id:abc"),
        ] {
            let s: Selector = input.parse().expect(input);
            assert_eq!(s.to_string(), shown);
        }
        let err = "sauce".parse::<Selector>().expect_err("not a kind");
        assert!(err.contains("kinds: ") && err.contains("destination_filter"), "{err}");
        assert!("label:".parse::<Selector>().is_err() && "id:".parse::<Selector>().is_err());
    }
}
