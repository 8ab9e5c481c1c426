//! Records as the store keeps them, shared by the operations of several families (a source is
//! touched by label and tracking-plan operations too). Below the handlers, above the SQL.

use segsync_api::types::{Label, SchemaSettings, Settings, Source};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::secrets;
use crate::store::{kind, Keys, Record};

/// A source as stored: the catalog entry is referenced, not copied.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRec {
    pub id: String,
    pub slug: String,
    pub name: Option<String>,
    pub metadata_id: String,
    pub enabled: bool,
    pub write_keys: Vec<String>,
    pub settings: Settings,
    pub labels: Vec<Label>,
    #[serde(default)]
    pub schema_settings: SchemaSettings,
}

/// A source connected to a tracking plan (stored under the plan, keyed by the source).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackingPlanSourceRec {
    pub tracking_plan_id: String,
    pub source_id: String,
}

/// The stored id of a source's link to a tracking plan.
pub fn plan_link_id(source: &str, plan: &str) -> String {
    format!("{source}:{plan}")
}

/// The stored id of a label.
pub fn label_id(key: &str, value: &str) -> String {
    format!("{key}:{value}")
}

/// A source as the API returns it: the catalog entry filled in, secrets masked.
pub fn render_source(rec: SourceRec, cat: &Catalog, workspace_id: &str) -> Source {
    let metadata = cat.source(&rec.metadata_id).cloned().unwrap_or_default();
    let secret = secrets::secret_names(&metadata.options);
    Source {
        settings: Some(secrets::masked(&rec.settings, &secret, &[])),
        id: rec.id,
        slug: rec.slug,
        name: rec.name,
        metadata,
        workspace_id: workspace_id.to_string(),
        enabled: rec.enabled,
        write_keys: rec.write_keys,
        labels: rec.labels,
    }
}

// What `parent` and `reference` mean for each stored kind is said once, in its `Record` impl.

/// A source is found by its slug (unique in the workspace).
impl Record for SourceRec {
    const KIND: &'static str = kind::SOURCE;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).reference(&self.slug)
    }
}

/// A tracking plan's link to a source: listed under the plan, found by the source.
impl Record for TrackingPlanSourceRec {
    const KIND: &'static str = kind::TRACKING_PLAN_SOURCE;
    fn keys(&self) -> Keys {
        Keys::id(plan_link_id(&self.source_id, &self.tracking_plan_id)).parent(&self.tracking_plan_id).reference(&self.source_id)
    }
}

/// A label is addressed by `key:value`.
impl Record for Label {
    const KIND: &'static str = kind::LABEL;
    fn keys(&self) -> Keys {
        Keys::id(label_id(&self.key, &self.value))
    }
}
