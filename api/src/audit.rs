//! The audit trail's vocabulary, as data: the `resourceType` values of audit events. The twin
//! emits them, clients route events by them. (The fidelity work replaces these with Segment's
//! real vocabulary; every user reads them from here.)

/// `resourceType` values of audit events, one per kind of object.
pub mod resource_type {
    pub const SOURCE: &str = "Source";
    pub const DESTINATION: &str = "Destination";
    pub const WAREHOUSE: &str = "Warehouse";
    pub const SOURCE_WAREHOUSE_CONNECTION: &str = "Source Warehouse Connection";
    pub const DESTINATION_FILTER: &str = "Destination Filter";
    pub const DESTINATION_SUBSCRIPTION: &str = "Destination Subscription";
    pub const FUNCTION: &str = "Function";
    pub const INSERT_FUNCTION_INSTANCE: &str = "Insert Function Instance";
    pub const LABEL: &str = "Label";
    pub const PROFILES_WAREHOUSE: &str = "Profiles Warehouse";
    pub const REVERSE_ETL_MODEL: &str = "Reverse ETL Model";
    pub const SOURCE_TRACKING_PLAN_CONNECTION: &str = "Source Tracking Plan Connection";
    pub const TRACKING_PLAN: &str = "Tracking Plan";
    pub const TRANSFORMATION: &str = "Transformation";
    pub const USER: &str = "User";
    pub const INVITE: &str = "Invite";
    pub const USER_GROUP: &str = "User Group";
}
