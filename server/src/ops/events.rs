//! What the twin writes to the audit trail: Segment's own phrases and `resourceType` values.
//!
//! Event types come from the SDK's operation descriptions ("When called, this endpoint may
//! generate the `Source Created` event", `api/api_*.go` of segmentio/public-api-sdk-go 73.2.0)
//! where it names one, else from the segment.com Audit Trail docs' list ("Source Function
//! Created", "Tracking Plan Modified", …). Operations neither names (subscriptions, insert-function
//! instances) get a phrase in the same pattern; `docs/guides/segment-api-fidelity.md` lists each
//! choice. `resourceType` values are plural phrases, as the SDK's examples give them ("Sources,
//! Warehouses, and Tracking Plans"). Objects under another one are reported by their own id;
//! connections are reported as a change of the object the SDK names (adding a source to a
//! tracking plan: `Source Modified` on the source, `api_tracking_plans.go:51`; connecting a
//! warehouse: `Storage Destination Modified` on the warehouse, `api_warehouses.go:42`).

/// `resourceType` values.
pub mod rt {
    pub const SOURCES: &str = "Sources";
    pub const INTEGRATIONS: &str = "Integrations";
    pub const WAREHOUSES: &str = "Warehouses";
    pub const DESTINATION_FILTERS: &str = "Destination Filters";
    pub const DESTINATION_SUBSCRIPTIONS: &str = "Destination Subscriptions";
    pub const FUNCTIONS: &str = "Functions";
    pub const INSERT_FUNCTION_INSTANCES: &str = "Insert Function Instances";
    pub const LABELS: &str = "Labels";
    pub const PROFILES_SYNC_WAREHOUSES: &str = "Profiles Sync Warehouses";
    pub const MODELS: &str = "Models";
    pub const TRACKING_PLANS: &str = "Tracking Plans";
    pub const TRANSFORMATIONS: &str = "Transformations";
    pub const USERS: &str = "Users";
    pub const INVITES: &str = "Invites";
    pub const USER_GROUPS: &str = "User Groups";
}

/// The event of an update that may toggle `enabled`: `<subject> Enabled` / `Disabled` when it
/// did (SDK: "Source Enabled", "Integration Disabled", "Storage Destination Enabled",
/// "Destination Filter Disabled"), else `otherwise`.
pub fn toggled(subject: &str, before: bool, after: bool, otherwise: &str) -> String {
    match (before, after) {
        (false, true) => format!("{subject} Enabled"),
        (true, false) => format!("{subject} Disabled"),
        _ => otherwise.to_string(),
    }
}

/// A function's events by its resource type: "Source Function Created", "Destination Function
/// Modified" (segment.com docs), "Insert Function …" in the same pattern.
pub fn function_subject(resource_type: &str) -> &'static str {
    match resource_type {
        "SOURCE" => "Source Function",
        "DESTINATION" => "Destination Function",
        _ => "Insert Function",
    }
}
