//! The audit trail's vocabulary, as data: the `resourceType` values the twin emits, and how an
//! event of Segment's real feed maps to the kind of object it changed. Segment's feed speaks two
//! vocabularies (the segment.com Audit Trail docs: "Source Created", "Integrations Created",
//! "Warehouses Modified", "Destination Filters Created"…; the SDK's descriptions: "Integration
//! Created", "Storage Destination Modified", "Destination Filter …", "Model Created"…), mixes in
//! events that change no configuration ("Warehouse Run Failed", "Tracking Plan Inferred"…), and
//! gives `resourceType` as plural phrases ("Sources", "Warehouses", "Tracking Plans").
//! BEHAVIOURS.md, "Audit trail", lists the evidence. Clients route events with [`subject_of`].

/// `resourceType` values the twin emits, one per kind of object.
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

    /// Every value above.
    pub const ALL: &[&str] = &[
        SOURCE,
        DESTINATION,
        WAREHOUSE,
        SOURCE_WAREHOUSE_CONNECTION,
        DESTINATION_FILTER,
        DESTINATION_SUBSCRIPTION,
        FUNCTION,
        INSERT_FUNCTION_INSTANCE,
        LABEL,
        PROFILES_WAREHOUSE,
        REVERSE_ETL_MODEL,
        SOURCE_TRACKING_PLAN_CONNECTION,
        TRACKING_PLAN,
        TRANSFORMATION,
        USER,
        INVITE,
        USER_GROUP,
    ];
}

use resource_type as rt;

/// Event types that change no configuration (segment.com Audit Trail docs; SDK descriptions:
/// "Profiles Sync Warehouse Retrieved" is emitted by a list call).
pub const NOT_CONFIGURATION: &[&str] =
    &["Warehouse Run Failed", "Tracking Plan Inferred", "Tracking Plan New Event Blocked", "Profiles Sync Warehouse Retrieved"];

/// Phrases an event type starts with (then a verb: Created, Modified, Deleted, Enabled, Sent…),
/// from both of Segment's vocabularies and the twin's, and the object they concern. Matched
/// longest first.
pub const PHRASES: &[(&str, &str)] = &[
    ("User Removed From User Group", rt::USER_GROUP),
    ("User Added To User Group", rt::USER_GROUP),
    ("Source Connected to Tracking Plan", rt::SOURCE_TRACKING_PLAN_CONNECTION),
    ("Source Disconnected from Tracking Plan", rt::SOURCE_TRACKING_PLAN_CONNECTION),
    ("Source Tracking Plan Connection", rt::SOURCE_TRACKING_PLAN_CONNECTION),
    ("Source Warehouse Connection", rt::SOURCE_WAREHOUSE_CONNECTION),
    ("Non-Segment User Invited to Workspace", rt::INVITE),
    ("New Segment User Invited to Workspace", rt::INVITE),
    ("Insert Function Instance", rt::INSERT_FUNCTION_INSTANCE),
    ("Destination Subscription", rt::DESTINATION_SUBSCRIPTION),
    ("Profiles Sync Warehouse", rt::PROFILES_WAREHOUSE),
    ("Destination Function", rt::FUNCTION),
    ("Destination Filters", rt::DESTINATION_FILTER),
    ("Destination Filter", rt::DESTINATION_FILTER),
    ("Storage Destination", rt::WAREHOUSE),
    ("Profiles Warehouse", rt::PROFILES_WAREHOUSE),
    ("Reverse ETL Model", rt::REVERSE_ETL_MODEL),
    ("Source Function", rt::FUNCTION),
    ("Insert Function", rt::FUNCTION),
    ("Transformation", rt::TRANSFORMATION),
    ("Tracking Plan", rt::TRACKING_PLAN),
    ("Integrations", rt::DESTINATION),
    ("Integration", rt::DESTINATION),
    ("Destination", rt::DESTINATION),
    ("User Invite", rt::INVITE),
    ("User Group", rt::USER_GROUP),
    ("Warehouses", rt::WAREHOUSE),
    ("Warehouse", rt::WAREHOUSE),
    ("Function", rt::FUNCTION),
    ("Source", rt::SOURCE),
    ("Label", rt::LABEL),
    ("Model", rt::REVERSE_ETL_MODEL),
    ("Invite", rt::INVITE),
    ("User", rt::USER),
];

/// Plural `resourceType` phrases of Segment's feed, by object.
pub const RESOURCE_TYPE_PHRASES: &[(&str, &str)] = &[
    ("Sources", rt::SOURCE),
    ("Integrations", rt::DESTINATION),
    ("Destinations", rt::DESTINATION),
    ("Warehouses", rt::WAREHOUSE),
    ("Storage Destinations", rt::WAREHOUSE),
    ("Destination Filters", rt::DESTINATION_FILTER),
    ("Functions", rt::FUNCTION),
    ("Labels", rt::LABEL),
    ("Tracking Plans", rt::TRACKING_PLAN),
    ("Transformations", rt::TRANSFORMATION),
    ("Reverse ETL Models", rt::REVERSE_ETL_MODEL),
    ("Models", rt::REVERSE_ETL_MODEL),
    ("Users", rt::USER),
    ("User Groups", rt::USER_GROUP),
    ("Invites", rt::INVITE),
    ("Profiles Sync Warehouses", rt::PROFILES_WAREHOUSE),
    ("Destination Subscriptions", rt::DESTINATION_SUBSCRIPTION),
    ("Insert Function Instances", rt::INSERT_FUNCTION_INSTANCE),
];

/// Phrases that name no one kind: the SDK gives "Policy Created" for creating a user group and
/// for inviting a user, "Policy Deleted" for replacing a user's or a group's permissions, and
/// "Group Memberships Deleted" for deleting users and invites (`api_iam_*.go`). Such events are
/// routed by their `resourceType`.
pub const BY_RESOURCE_TYPE: &[&str] = &["Policy", "Group Memberships"];

/// What an audit event says changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An object of this kind (a [`resource_type`] value), named by the event's `resourceId`.
    Object(&'static str),
    /// Nothing in the configuration (a warehouse run, an inferred tracking plan…).
    NotConfiguration,
    /// An event this table does not know: reconcile rather than guess.
    Unknown,
}

/// Routes an event by its `type` and `resourceType`: events that change no configuration
/// first, then the twin's exact `resourceType`, then the phrase the type starts with (longest
/// first), then a plural `resourceType`.
pub fn subject_of(event_type: &str, resource_type: &str) -> Subject {
    let t = event_type.trim();
    if NOT_CONFIGURATION.iter().any(|n| n.eq_ignore_ascii_case(t)) {
        return Subject::NotConfiguration;
    }
    if let Some(r) = rt::ALL.iter().find(|r| **r == resource_type) {
        return Subject::Object(r);
    }
    let starts =
        |p: &str| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p) && (t.len() == p.len() || t.as_bytes()[p.len()] == b' ');
    if !BY_RESOURCE_TYPE.iter().any(|p| starts(p)) {
        if let Some((_, r)) = PHRASES.iter().filter(|(p, _)| starts(p)).max_by_key(|(p, _)| p.len()) {
            return Subject::Object(r);
        }
    }
    match RESOURCE_TYPE_PHRASES.iter().find(|(p, _)| p.eq_ignore_ascii_case(resource_type.trim())) {
        Some((_, r)) => Subject::Object(r),
        None => Subject::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_vocabularies_route_to_the_same_kinds() {
        for (ty, res, want) in [
            ("Source Modified", "Sources", rt::SOURCE),
            ("Source Enabled", "Sources", rt::SOURCE),
            ("Integrations Created", "Integrations", rt::DESTINATION),
            ("Integration Disabled", "Integrations", rt::DESTINATION),
            ("Warehouses Modified", "Warehouses", rt::WAREHOUSE),
            ("Storage Destination Deleted", "Warehouses", rt::WAREHOUSE),
            ("Destination Filters Created", "Destination Filters", rt::DESTINATION_FILTER),
            ("Destination Filter Deleted", "Destination Filters", rt::DESTINATION_FILTER),
            ("Source Function Created", "Functions", rt::FUNCTION),
            ("Destination Function Modified", "Functions", rt::FUNCTION),
            ("Source Connected to Tracking Plan", "Tracking Plans", rt::SOURCE_TRACKING_PLAN_CONNECTION),
            ("Tracking Plan Modified", "Tracking Plans", rt::TRACKING_PLAN),
            ("Label Created", "Labels", rt::LABEL),
            ("Model Settings Saved", "Models", rt::REVERSE_ETL_MODEL),
            ("Profiles Sync Warehouse Created", "Spaces", rt::PROFILES_WAREHOUSE),
            ("User Invite Sent", "Users", rt::INVITE),
            ("Non-Segment User Invited to Workspace", "Users", rt::INVITE),
            ("User Group Updated", "User Groups", rt::USER_GROUP),
            ("User Added To User Group", "User Groups", rt::USER_GROUP),
            ("Policy Created", "User Groups", rt::USER_GROUP),
            ("Policy Deleted", "Users", rt::USER),
            ("Policy Created", "Invites", rt::INVITE),
            ("Group Memberships Deleted", "Users", rt::USER),
            ("Storage Destination Modified", "Warehouses", rt::WAREHOUSE),
            ("Model State Change Toggled", "Models", rt::REVERSE_ETL_MODEL),
            ("Insert Function Instance Created", "Insert Function Instances", rt::INSERT_FUNCTION_INSTANCE),
            ("Destination Subscription Deleted", "Destination Subscriptions", rt::DESTINATION_SUBSCRIPTION),
            // The twin's own vocabulary.
            ("Destination Filter Created", rt::DESTINATION_FILTER, rt::DESTINATION_FILTER),
            ("Source Warehouse Connection Created", rt::SOURCE_WAREHOUSE_CONNECTION, rt::SOURCE_WAREHOUSE_CONNECTION),
            ("Destination Modified", rt::DESTINATION, rt::DESTINATION),
        ] {
            assert_eq!(subject_of(ty, res), Subject::Object(want), "{ty} / {res}");
        }
    }

    #[test]
    fn runs_and_inferences_change_nothing_and_strangers_are_unknown() {
        assert_eq!(subject_of("Warehouse Run Failed", "Warehouses"), Subject::NotConfiguration);
        assert_eq!(subject_of("Tracking Plan Inferred", "Tracking Plans"), Subject::NotConfiguration);
        assert_eq!(subject_of("Profiles Sync Warehouse Retrieved", "Spaces"), Subject::NotConfiguration);
        assert_eq!(subject_of("Space Created", "Spaces"), Subject::Unknown);
        assert_eq!(subject_of("Policy Updated", "Policies"), Subject::Unknown);
        assert_eq!(subject_of("Sourcery Happened", "Magic"), Subject::Unknown, "a phrase must end at a word boundary");
    }
}
