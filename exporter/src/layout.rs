//! Where each object's file goes: the default flat layout (a runnable root module, file names
//! grouped by kind) or Segment Git Sync's folders.

use crate::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `source_<id>.tf`, `destination_filter_<dest>_<filter>.tf`, … in one folder.
    Flat,
    /// `sources/<id>.tf`, `destination_filters/<filter>.tf`, … as Segment writes them.
    Segment,
}

impl std::str::FromStr for Layout {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "flat" => Ok(Layout::Flat),
            "segment" => Ok(Layout::Segment),
            other => Err(format!("unknown layout {other:?}: expected flat or segment")),
        }
    }
}

/// How an export is cut into root modules (`--split-by`): one root for everything, one per
/// kind (Segment's folders), one per source (with what belongs to it), or one per value of a
/// label key on sources — `label:team,environment`: the first of the keys a source has.
/// Objects that belong to no source go to the `workspace` root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Split {
    #[default]
    None,
    Kind,
    Source,
    Label(Vec<String>),
}

impl std::str::FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "kind" => Ok(Split::Kind),
            "source" => Ok(Split::Source),
            _ => match s.strip_prefix("label:") {
                Some(keys) if keys.split(',').all(|k| !k.trim().is_empty()) => {
                    Ok(Split::Label(keys.split(',').map(|k| k.trim().to_string()).collect()))
                }
                _ => Err(format!("unknown split {s:?}: expected kind, source or label:<key>")),
            },
        }
    }
}

impl Split {
    /// Whether an object's root depends on what it belongs to (so a full read must know every
    /// source and destination before it places anything).
    pub fn by_owner(&self) -> bool {
        matches!(self, Split::Source | Split::Label(_))
    }
}

/// The root that holds workspace-wide objects (users, groups, plans, functions…) when the split
/// goes by source or label.
pub const WORKSPACE_ROOT: &str = "workspace";

/// A folder name from any text: lower-case letters, digits and `_`.
pub fn folder_name(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect()
}

/// The folder Segment's Git Sync uses for a type (the plural of the kind: `sources`,
/// `destination_filters`, …; the same rule for the types it does not export).
pub fn segment_folder(type_name: &str) -> String {
    format!("{}s", type_name.trim_start_matches("segment_"))
}

/// The resource label of an object (Git Sync's `id-<…>`).
pub fn label(import_id: &str) -> String {
    let parts = segment_provider::kind::split_id(import_id);
    render::label(&parts)
}

/// The files of a type whose import id has one part unknown: what [`file_for`] gives, before and
/// after that part.
pub struct FilePattern {
    head: String,
    tail: String,
}

impl FilePattern {
    /// The files of `type_name` whose import id is `parts`, a `None` part standing for any id.
    pub fn new(layout: Layout, type_name: &str, parts: &[Option<&str>]) -> Option<FilePattern> {
        const ANY: &str = "x9any9x";
        let id = segment_provider::kind::join_id(&parts.iter().map(|p| p.unwrap_or(ANY)).collect::<Vec<_>>());
        let (head, tail) = file_for(layout, type_name, &id).split_once(ANY).map(|(h, t)| (h.to_string(), t.to_string()))?;
        Some(FilePattern { head, tail })
    }

    /// Whether `path` is such a file, in whichever root folder it is.
    pub fn matches(&self, path: &str) -> bool {
        let path = if self.head.contains('/') { path } else { path.rsplit('/').next().unwrap_or(path) };
        path.len() > self.head.len() + self.tail.len() && path.starts_with(&self.head) && path.ends_with(&self.tail)
    }
}

/// The file of an object in `root` (a folder of the export; `""` for an export in one root).
pub fn path_in(root: &str, layout: Layout, type_name: &str, import_id: &str) -> String {
    let file = file_for(layout, type_name, import_id);
    if file.starts_with(&format!("{root}/")) {
        file
    } else {
        in_root(root, &file)
    }
}

/// A file of a root folder (`""`: the top of the export).
pub fn in_root(root: &str, file: &str) -> String {
    if root.is_empty() {
        file.to_string()
    } else {
        format!("{root}/{file}")
    }
}

/// The root folder of a path of the export (`""` at its top).
pub fn root_of_path(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The file of an object, relative to the export folder.
pub fn file_for(layout: Layout, type_name: &str, import_id: &str) -> String {
    let kind = type_name.trim_start_matches("segment_");
    let label = label(import_id);
    let stem = label.trim_start_matches("id-");
    match layout {
        Layout::Flat => format!("{kind}_{stem}.tf"),
        Layout::Segment => {
            let name = match type_name {
                // Segment names filter files by the filter id alone.
                "segment_destination_filter" => segment_provider::kind::split_id(import_id).get(1).copied().unwrap_or(stem).to_string(),
                _ => stem.to_string(),
            };
            format!("{}/{name}.tf", segment_folder(type_name))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_parse_and_place_files_in_their_root() {
        assert_eq!("kind".parse::<Split>(), Ok(Split::Kind));
        assert_eq!("source".parse::<Split>(), Ok(Split::Source));
        assert_eq!("label:team, environment".parse::<Split>(), Ok(Split::Label(vec!["team".into(), "environment".into()])));
        assert!("label:".parse::<Split>().is_err() && "label:team,".parse::<Split>().is_err() && "size".parse::<Split>().is_err());
        assert_eq!(path_in("team_growth", Layout::Flat, "segment_source", "abc"), "team_growth/source_abc.tf");
        assert_eq!(path_in("sources", Layout::Segment, "segment_source", "abc"), "sources/abc.tf");
        assert_eq!(path_in("", Layout::Flat, "segment_source", "abc"), "source_abc.tf");
        assert_eq!(root_of_path("team_growth/source_abc.tf"), "team_growth");
        let p = FilePattern::new(Layout::Flat, "segment_destination_filter", &[Some("d1"), None]).expect("pattern");
        assert!(p.matches("destination_filter_d1_f1.tf") && p.matches("team_growth/destination_filter_d1_f1.tf"));
        assert!(!p.matches("team_growth/destination_filter_d2_f1.tf"));
    }
}
