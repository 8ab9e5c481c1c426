//! Wire types of the Segment Public API, field names as they travel (camelCase).
//!
//! Shared by the client and by `segsync-server`, so the two cannot disagree on a field.
//! Optional fields are skipped when absent; `Option<Option<T>>` marks the few update fields where
//! an explicit `null` (clear the value) differs from an absent key (leave it alone).

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// A JSON object of integration settings.
pub type Settings = Map<String, Value>;

/// Deserializes a field that may be absent (`None`), `null` (`Some(None)`) or a value.
pub fn double_option<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

// ---------------------------------------------------------------- envelopes

/// Success envelope: `{"data": …}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Envelope<T> {
    pub data: T,
}

/// Error envelope: `{"errors": […]}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct ErrorEnvelope {
    pub errors: Vec<RequestError>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct RequestError {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub current: String,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_entries: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
pub struct StatusData {
    pub status: String,
}

// ---------------------------------------------------------------- workspace and catalog

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Workspace {
    pub id: String,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Logos {
    pub default: String,
    #[serde(default)]
    pub mark: Option<String>,
    #[serde(default)]
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationOption {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SourceMetadata {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub logos: Logos,
    pub options: Vec<IntegrationOption>,
    pub categories: Vec<String>,
    pub is_cloud_event_source: bool,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_owned: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationMetadataComponent {
    #[serde(rename = "type")]
    pub kind: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationMetadataFeatures {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_mode_instances: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_mode_instances: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser_unbundling: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser_unbundling_public: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DestinationMetadataMethods {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pageview: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DestinationMetadataPlatforms {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationActionField {
    pub id: String,
    pub sort_order: f64,
    pub field_key: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Value>,
    pub required: bool,
    pub multiple: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Value>,
    pub dynamic: bool,
    pub allow_null: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationAction {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub platform: String,
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_trigger: Option<String>,
    pub fields: Vec<DestinationActionField>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationPreset {
    pub action_id: String,
    pub name: String,
    pub fields: Value,
    pub trigger: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// Optional, like `role` and `isPrimary` (`model_contact.go`): only `email` is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_primary: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationMetadata {
    pub id: String,
    pub name: String,
    pub description: String,
    pub slug: String,
    pub logos: Logos,
    pub options: Vec<IntegrationOption>,
    pub status: String,
    pub previous_names: Vec<String>,
    pub categories: Vec<String>,
    pub website: String,
    pub components: Vec<DestinationMetadataComponent>,
    pub supported_features: DestinationMetadataFeatures,
    pub supported_methods: DestinationMetadataMethods,
    pub supported_platforms: DestinationMetadataPlatforms,
    pub actions: Vec<DestinationAction>,
    pub presets: Vec<DestinationPreset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<Contact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_owned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_regions: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_endpoints: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_instance_supported_version: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct WarehouseMetadata {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub logos: Logos,
    pub options: Vec<IntegrationOption>,
}

// ---------------------------------------------------------------- sources

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub key: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub id: String,
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub metadata: SourceMetadata,
    pub workspace_id: String,
    pub enabled: bool,
    pub write_keys: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateSourceInput {
    pub slug: String,
    pub enabled: bool,
    pub metadata_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_all_warehouses: Option<bool>,
    /// Ours: the v1.6.0 provider sets the name through a follow-up update; accepted here too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateSourceInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReplaceLabelsInput {
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TrackSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_unplanned_events: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_unplanned_event_properties: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_event_on_violations: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_properties_on_violations: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_event_on_violations: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TraitSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_unplanned_traits: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_traits_on_violations: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_event_on_violations: Option<String>,
}

/// Schema settings of a source (input and output share the shape).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SchemaSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<TrackSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify: Option<TraitSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<TraitSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarding_violations_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarding_blocked_events_to: Option<String>,
}

// ---------------------------------------------------------------- destinations

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub enabled: bool,
    pub metadata: DestinationMetadata,
    pub source_id: String,
    pub settings: Settings,
}

/// A destination as the kinds under it need it: its id and whether it is an actions
/// destination (only those have subscriptions). Decoded from the same `GET /destinations`
/// answer as [`Destination`], without the catalog metadata each destination carries (about 2 KB
/// each; at 25,000 destinations, copies of it dominated an export's memory).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DestinationRef {
    pub id: String,
    #[serde(default)]
    pub metadata: DestinationRefMetadata,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct DestinationRefMetadata {
    /// One empty value per action: only the count is kept.
    #[serde(default)]
    pub actions: Vec<Nothing>,
}

/// A JSON object whose fields are not needed (takes no memory).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Nothing {}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateDestinationInput {
    pub source_id: String,
    pub metadata_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub settings: Settings,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateDestinationInput {
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    pub name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
}

// ---------------------------------------------------------------- warehouses

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Warehouse {
    pub id: String,
    pub metadata: WarehouseMetadata,
    pub workspace_id: String,
    pub enabled: bool,
    pub settings: Settings,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateWarehouseInput {
    pub metadata_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    pub settings: Settings,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_all_sources: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateWarehouseInput {
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    pub name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub settings: Settings,
}

// ---------------------------------------------------------------- destination filters

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct FilterAction {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Settings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationFilter {
    pub id: String,
    pub source_id: String,
    pub destination_id: String,
    #[serde(rename = "if")]
    pub condition: String,
    pub actions: Vec<FilterAction>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateFilterInput {
    pub source_id: String,
    #[serde(rename = "if")]
    pub condition: String,
    pub actions: Vec<FilterAction>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub enabled: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateFilterInput {
    #[serde(rename = "if", default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<FilterAction>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

// ---------------------------------------------------------------- destination subscriptions

/// A reverse-ETL schedule; `config` depends on `strategy` (periodic `{interval}`, specific days
/// `{days, hours, timezone}`, cron `{spec, timezone}`, dbt cloud `{jobId, accountId}`, manual none).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReverseEtlSchedule {
    pub strategy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DestinationSubscription {
    pub id: String,
    pub name: String,
    pub action_id: String,
    pub action_slug: String,
    pub destination_id: String,
    pub enabled: bool,
    pub settings: Settings,
    pub trigger: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<String>,
    #[serde(rename = "reverseETLSchedule", default, skip_serializing_if = "Option::is_none")]
    pub reverse_etl_schedule: Option<ReverseEtlSchedule>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateSubscriptionInput {
    pub name: String,
    pub action_id: String,
    pub trigger: String,
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<String>,
    /// Ours: the schedule may be given on create as well.
    #[serde(rename = "reverseETLSchedule", default, skip_serializing_if = "Option::is_none")]
    pub reverse_etl_schedule: Option<ReverseEtlSchedule>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    #[serde(rename = "reverseETLModelId", default, skip_serializing_if = "Option::is_none")]
    pub reverse_etl_model_id: Option<String>,
    #[serde(rename = "reverseETLSchedule", default, skip_serializing_if = "Option::is_none")]
    pub reverse_etl_schedule: Option<ReverseEtlSchedule>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct UpdateSubscriptionInput {
    pub input: SubscriptionUpdate,
}

// ---------------------------------------------------------------- functions

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct FunctionSetting {
    pub name: String,
    pub label: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub required: bool,
    pub sensitive: bool,
}

/// A function as `GET /functions` lists it (`ListFunctionItemV1`): no `code`, no `settings`;
/// the whole function comes from `GET /functions/{functionId}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FunctionSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_id: Option<String>,
}

impl From<&Function> for FunctionSummary {
    fn from(f: &Function) -> Self {
        FunctionSummary {
            id: f.id.clone(),
            resource_type: f.resource_type.clone(),
            created_at: f.created_at.clone(),
            created_by: f.created_by.clone(),
            display_name: f.display_name.clone(),
            description: f.description.clone(),
            logo_url: f.logo_url.clone(),
            catalog_id: f.catalog_id.clone(),
        }
    }
}

/// The resource types of functions; `GET /functions` lists one at a time (`resourceType` is
/// required, `api_functions.go` `ListFunctionsExecute`).
pub const FUNCTION_RESOURCE_TYPES: &[&str] = &["SOURCE", "DESTINATION", "INSERT_DESTINATION", "INSERT_SOURCE"];

/// The prefixes of insert-function ids (`ifnd_` destination, `ifns_` source). An instance is
/// created with, and listed by, the id without it: its `classId`
/// (`model_create_insert_function_instance_alpha_input.go`: "Remove the ifnd_/ifns_ prefix").
pub const INSERT_FUNCTION_PREFIXES: &[&str] = &["ifnd_", "ifns_"];

/// A function's display name without the workspace name the API appends to it for
/// `DESTINATION`, `INSERT_DESTINATION` and `INSERT_SOURCE` functions (official provider
/// `function_resource.go` ~170). The form of the suffix is not documented, so any trailing
/// `<separator><workspace name><closing bracket>` is taken off; a name that is nothing but the
/// suffix is kept as it is.
pub fn function_display_name<'a>(display_name: &'a str, resource_type: &str, workspace_name: &str) -> &'a str {
    if resource_type == "SOURCE" || workspace_name.is_empty() {
        return display_name;
    }
    let body = display_name.strip_suffix(')').or_else(|| display_name.strip_suffix(']')).unwrap_or(display_name);
    let Some(rest) = body.strip_suffix(workspace_name) else { return display_name };
    let trimmed = rest.trim_end_matches(|c: char| c.is_whitespace() || "-–—|:([".contains(c));
    if trimmed.is_empty() {
        display_name
    } else {
        trimmed
    }
}

/// An insert function's id without its `ifnd_`/`ifns_` prefix.
pub fn insert_function_class_id(function_id: &str) -> &str {
    INSERT_FUNCTION_PREFIXES.iter().find_map(|p| function_id.strip_prefix(p)).unwrap_or(function_id)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Function {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default)]
    pub deployed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Vec<FunctionSetting>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_webhook_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_max_count: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_latest_version: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateFunctionInput {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Vec<FunctionSetting>>,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateFunctionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Vec<FunctionSetting>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

// ---------------------------------------------------------------- insert-function instances

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InsertFunctionInstance {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub integration_id: String,
    pub class_id: String,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
    pub settings: Settings,
    pub encrypted_settings: Settings,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateInsertFunctionInstanceInput {
    pub function_id: String,
    pub integration_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    pub name: String,
    pub settings: Settings,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInsertFunctionInstanceInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub settings: Settings,
}

// ---------------------------------------------------------------- reverse-ETL models

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ReverseEtlModel {
    pub id: String,
    pub source_id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub query: String,
    pub query_identifier_column: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateReverseEtlModelInput {
    pub source_id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub query: String,
    pub query_identifier_column: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateReverseEtlModelInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_identifier_column: Option<String>,
}

// ---------------------------------------------------------------- transformations

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PropertyRename {
    pub old_name: String,
    pub new_name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PropertyValueTransformation {
    pub property_paths: Vec<String>,
    pub property_value: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FqlDefinedProperty {
    pub fql: String,
    pub property_name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct HashPropertiesConfiguration {
    pub algorithm: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    pub paths: Vec<String>,
}

/// The transformation body; shared by the object, its create input and its update input (where
/// every field is optional on the wire).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TransformationFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_metadata_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_event_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_renames: Option<Vec<PropertyRename>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_value_transformations: Option<Vec<PropertyValueTransformation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fql_defined_properties: Option<Vec<FqlDefinedProperty>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_properties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_properties_configuration: Option<HashPropertiesConfiguration>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Transformation {
    pub id: String,
    pub name: String,
    pub source_id: String,
    pub enabled: bool,
    #[serde(rename = "if")]
    pub condition: String,
    #[serde(flatten)]
    pub fields: TransformationFields,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateTransformationInput {
    pub name: String,
    pub source_id: String,
    pub enabled: bool,
    #[serde(rename = "if")]
    pub condition: String,
    #[serde(flatten)]
    pub fields: TransformationFields,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateTransformationInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(rename = "if", default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(flatten)]
    pub fields: TransformationFields,
}

// ---------------------------------------------------------------- tracking plans

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TrackingPlan {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct CreateTrackingPlanInput {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct UpdateTrackingPlanInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub json_schema: Value,
    pub version: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RuleInput {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub json_schema: Value,
    pub version: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReplaceRulesInput {
    pub rules: Vec<RuleInput>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AddSourceToTrackingPlanInput {
    pub source_id: String,
}

// ---------------------------------------------------------------- profiles warehouses

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesWarehouse {
    pub id: String,
    pub space_id: String,
    pub metadata: WarehouseMetadata,
    pub workspace_id: String,
    pub enabled: bool,
    pub settings: Settings,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateProfilesWarehouseInput {
    pub metadata_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    pub settings: Settings,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProfilesWarehouseInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_name: Option<String>,
}

// ---------------------------------------------------------------- IAM

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AllowedLabel {
    pub key: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct PermissionResource {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<AllowedLabel>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    pub role_name: String,
    pub role_id: String,
    pub resources: Vec<PermissionResource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<AllowedLabel>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PermissionInput {
    pub role_id: String,
    #[serde(default)]
    pub resources: Vec<PermissionResource>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReplacePermissionsInput {
    pub permissions: Vec<PermissionInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<Permission>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct MinimalUser {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// A resource named in an invite's permission (`ResourceV1`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ResourceRef {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InvitePermission {
    pub role_id: String,
    /// Resources without labels (`ResourceV1`): an invite's labels apply to the whole
    /// permission (`model_invite_permission_v1.go`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<ResourceRef>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<AllowedLabel>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Invite {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<InvitePermission>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct CreateInvitesInput {
    pub invites: Vec<Invite>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserGroup {
    pub member_count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<Permission>>,
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct UserGroupNameInput {
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReplaceUsersInGroupInput {
    pub emails: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct CreateLabelInput {
    pub label: Label,
}

// ---------------------------------------------------------------- audit events

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    pub id: String,
    pub timestamp: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_email: Option<String>,
    pub resource_id: String,
    pub resource_type: String,
    pub resource_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_suffix_comes_off_destination_and_insert_function_names_only() {
        for (shown, rt, plain) in [
            ("Enrich (Acme Prod)", "DESTINATION", "Enrich"),
            ("Enrich - Acme Prod", "INSERT_DESTINATION", "Enrich"),
            ("Enrich Acme Prod", "INSERT_SOURCE", "Enrich"),
            ("Enrich (Acme Prod)", "SOURCE", "Enrich (Acme Prod)"),
            ("Acme Prod", "DESTINATION", "Acme Prod"),
            ("Enrich (Other)", "DESTINATION", "Enrich (Other)"),
        ] {
            assert_eq!(function_display_name(shown, rt, "Acme Prod"), plain, "{shown} {rt}");
        }
        assert_eq!(insert_function_class_id("ifnd_abc"), "abc");
        assert_eq!(insert_function_class_id("ifns_abc"), "abc");
        assert_eq!(insert_function_class_id("abc"), "abc");
    }
}
