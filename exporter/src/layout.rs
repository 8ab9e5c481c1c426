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

/// The folder Segment's Git Sync uses for a type (the plural of the kind: `sources`,
/// `destination_filters`, …; the same rule for the types it does not export).
fn segment_folder(type_name: &str) -> String {
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

    pub fn matches(&self, path: &str) -> bool {
        path.len() > self.head.len() + self.tail.len() && path.starts_with(&self.head) && path.ends_with(&self.tail)
    }
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
