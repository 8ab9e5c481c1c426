//! The built-in integration catalog: sources, destinations and warehouses with their option
//! definitions. Options of type `password` are secrets: stored as given, returned masked.
//! Ids are derived from the slugs, so they are stable across databases and releases.

use std::collections::BTreeMap;

use segsync_api::types::*;
use serde_json::{json, Value};

use crate::ids;

pub const SECRET_OPTION_TYPE: &str = "password";

pub struct Catalog {
    pub sources: Vec<SourceMetadata>,
    pub destinations: Vec<DestinationMetadata>,
    pub warehouses: Vec<WarehouseMetadata>,
    pub roles: Vec<Role>,
    pub spaces: Vec<String>,
    source_ix: BTreeMap<String, usize>,
    dest_ix: BTreeMap<String, usize>,
    wh_ix: BTreeMap<String, usize>,
}

/// An option row: name, type, required, label.
type Opt = (&'static str, &'static str, bool, &'static str);

fn options(opts: &[Opt]) -> Vec<IntegrationOption> {
    opts.iter()
        .map(|(name, kind, required, label)| IntegrationOption {
            name: name.to_string(),
            kind: kind.to_string(),
            required: *required,
            description: Some(format!("{label} for this integration.")),
            default_value: Some(match *kind {
                "boolean" => json!(false),
                "number" => json!(0),
                "array" => json!([]),
                "map" => json!({}),
                _ => json!(""),
            }),
            label: Some(label.to_string()),
        })
        .collect()
}

fn logos(slug: &str) -> Logos {
    Logos {
        default: format!("https://cdn.segsync.dev/logos/{slug}/default.svg"),
        mark: Some(format!("https://cdn.segsync.dev/logos/{slug}/mark.svg")),
        alt: None,
    }
}

const SOURCES: &[(&str, &str, &str, bool, &[Opt])] = &[
    ("javascript", "Javascript", "Website", false, &[("useConsentManager", "boolean", false, "Use consent manager")]),
    ("http-api", "HTTP API", "Server", false, &[]),
    ("ios", "iOS", "Mobile", false, &[("trackDeepLinks", "boolean", false, "Track deep links")]),
    ("android", "Android", "Mobile", false, &[("trackDeepLinks", "boolean", false, "Track deep links")]),
    ("node-js", "Node.js", "Server", false, &[]),
    ("python", "Python", "Server", false, &[]),
    ("go", "Go", "Server", false, &[]),
    ("ruby", "Ruby", "Server", false, &[]),
    ("java", "Java", "Server", false, &[]),
    ("react-native", "React Native", "Mobile", false, &[]),
    (
        "stripe",
        "Stripe",
        "Payments",
        true,
        &[("apiKey", "password", true, "Restricted API key"), ("accountId", "string", false, "Account ID")],
    ),
    (
        "salesforce",
        "Salesforce",
        "CRM",
        true,
        &[("instanceUrl", "string", true, "Instance URL"), ("refreshToken", "password", true, "OAuth refresh token")],
    ),
    ("zendesk", "Zendesk", "Helpdesk", true, &[("subdomain", "string", true, "Subdomain"), ("apiToken", "password", true, "API token")]),
    (
        "hubspot-source",
        "HubSpot",
        "CRM",
        true,
        &[("portalId", "string", true, "Portal ID"), ("accessToken", "password", true, "Private app access token")],
    ),
];

/// An action row: slug, name, default trigger.
type ActionRow = (&'static str, &'static str, &'static str);

/// A destination row: slug, name, category, options, actions.
type DestinationRow = (&'static str, &'static str, &'static str, &'static [Opt], &'static [ActionRow]);

const DESTINATIONS: &[DestinationRow] = &[
    (
        "google-analytics-4",
        "Google Analytics 4",
        "Analytics",
        &[("measurementId", "string", true, "Measurement ID"), ("apiSecret", "password", true, "API secret")],
        &[],
    ),
    (
        "amplitude",
        "Amplitude",
        "Analytics",
        &[
            ("apiKey", "password", true, "API key"),
            ("secretKey", "password", false, "Secret key"),
            ("useLogRevenueV2", "boolean", false, "Use logRevenueV2"),
        ],
        &[],
    ),
    (
        "actions-amplitude",
        "Amplitude (Actions)",
        "Analytics",
        &[("apiKey", "password", true, "API key"), ("endpoint", "select", false, "Endpoint region")],
        &[
            ("logEvent", "Log Event", "type = \"track\""),
            ("identifyUser", "Identify User", "type = \"identify\""),
            ("groupIdentifyUser", "Group Identify User", "type = \"group\""),
        ],
    ),
    (
        "mixpanel",
        "Mixpanel",
        "Analytics",
        &[
            ("token", "password", true, "Project token"),
            ("apiSecret", "password", false, "API secret"),
            ("people", "boolean", false, "Use people"),
        ],
        &[],
    ),
    (
        "braze",
        "Braze",
        "Marketing Automation",
        &[
            ("restApiKey", "password", true, "REST API key"),
            ("appId", "string", true, "App identifier"),
            ("datacenter", "select", true, "Data center"),
        ],
        &[],
    ),
    (
        "actions-braze-cloud",
        "Braze Cloud Mode (Actions)",
        "Marketing Automation",
        &[("apiKey", "password", true, "API key"), ("endpoint", "select", true, "REST endpoint")],
        &[
            ("updateUserProfile", "Update User Profile", "type = \"identify\""),
            ("trackEvent", "Track Event", "type = \"track\""),
            ("trackPurchase", "Track Purchase", "event = \"Order Completed\""),
        ],
    ),
    (
        "webhooks",
        "Webhooks",
        "Raw Data",
        &[("webhooks", "array", true, "Webhook URLs"), ("sharedSecret", "password", false, "Shared secret")],
        &[],
    ),
    (
        "actions-webhook",
        "Webhooks (Actions)",
        "Raw Data",
        &[("sharedSecret", "password", false, "Shared secret")],
        &[("send", "Send", "type = \"track\" or type = \"identify\"")],
    ),
    (
        "slack",
        "Slack",
        "Productivity",
        &[("incomingWebhookUrl", "password", true, "Incoming webhook URL"), ("channels", "map", false, "Event channels")],
        &[],
    ),
    (
        "intercom",
        "Intercom",
        "Customer Success",
        &[("appId", "string", true, "App ID"), ("apiKey", "password", false, "Access token")],
        &[],
    ),
    (
        "customer-io",
        "Customer.io",
        "Email Marketing",
        &[("siteId", "string", true, "Site ID"), ("apiKey", "password", true, "API key")],
        &[],
    ),
    (
        "facebook-pixel",
        "Facebook Pixel",
        "Advertising",
        &[("pixelId", "string", true, "Pixel ID"), ("valueIdentifier", "select", false, "Value field")],
        &[],
    ),
    ("hubspot", "HubSpot", "CRM", &[("apiKey", "password", true, "API key"), ("portalId", "string", true, "Portal ID")], &[]),
    (
        "salesforce-actions",
        "Salesforce (Actions)",
        "CRM",
        &[("instanceUrl", "string", true, "Instance URL")],
        &[("lead", "Lead", "type = \"identify\""), ("customObject", "Custom Object", "type = \"track\"")],
    ),
    (
        "amazon-s3",
        "Amazon S3",
        "Raw Data",
        &[
            ("bucket", "string", true, "Bucket name"),
            ("region", "string", false, "Region"),
            ("useServerSideEncryption", "boolean", false, "Server-side encryption"),
        ],
        &[],
    ),
    (
        "snapchat-conversions",
        "Snapchat Conversions API",
        "Advertising",
        &[("pixelId", "string", true, "Pixel ID"), ("accessToken", "password", true, "Access token")],
        &[],
    ),
];

const WAREHOUSES: &[(&str, &str, &[Opt])] = &[
    (
        "snowflake",
        "Snowflake",
        &[
            ("account", "string", true, "Account"),
            ("database", "string", true, "Database"),
            ("warehouse", "string", true, "Warehouse"),
            ("username", "string", true, "Username"),
            ("password", "password", true, "Password"),
        ],
    ),
    (
        "bigquery",
        "BigQuery",
        &[
            ("project", "string", true, "Project ID"),
            ("location", "string", false, "Location"),
            ("credentials", "password", true, "Service account credentials"),
        ],
    ),
    (
        "redshift",
        "Redshift",
        &[
            ("hostname", "string", true, "Host name"),
            ("port", "number", true, "Port"),
            ("database", "string", true, "Database"),
            ("username", "string", true, "Username"),
            ("password", "password", true, "Password"),
        ],
    ),
    (
        "postgres",
        "Postgres",
        &[
            ("hostname", "string", true, "Host name"),
            ("port", "number", true, "Port"),
            ("database", "string", true, "Database"),
            ("username", "string", true, "Username"),
            ("password", "password", true, "Password"),
        ],
    ),
    (
        "databricks",
        "Databricks",
        &[
            ("host", "string", true, "Server host name"),
            ("httpPath", "string", true, "HTTP path"),
            ("catalog", "string", true, "Catalog"),
            ("token", "password", true, "Access token"),
        ],
    ),
    (
        "azuresqldw",
        "Azure Synapse Analytics",
        &[
            ("hostname", "string", true, "Server name"),
            ("database", "string", true, "Database"),
            ("username", "string", true, "Username"),
            ("password", "password", true, "Password"),
        ],
    ),
];

const ROLES: &[(&str, &str)] = &[
    ("Workspace Owner", "Full access to the workspace, its members and billing."),
    ("Workspace Member", "Access limited to the resources granted explicitly."),
    ("Source Admin", "Edit access to sources and their connected destinations."),
    ("Source Read-only", "Read access to sources and their connected destinations."),
    ("Warehouse Destination Admin", "Edit access to warehouses."),
    ("Warehouse Destination Read-only", "Read access to warehouses."),
    ("Tracking Plan Admin", "Edit access to tracking plans."),
    ("Tracking Plan Read-only", "Read access to tracking plans."),
    ("Unify and Engage Admin", "Edit access to spaces."),
    ("Unify Read-only", "Read access to spaces."),
    ("Functions Admin", "Edit access to functions."),
    ("Functions Read-only", "Read access to functions."),
];

impl Catalog {
    pub fn builtin() -> Self {
        let sources: Vec<SourceMetadata> = SOURCES
            .iter()
            .map(|(slug, name, cat, cloud, opts)| SourceMetadata {
                id: ids::stable(false, &format!("source-metadata:{slug}"), 10),
                name: name.to_string(),
                slug: slug.to_string(),
                description: format!("Collect events from {name}."),
                logos: logos(slug),
                options: options(opts),
                categories: vec![cat.to_string()],
                is_cloud_event_source: *cloud,
                status: "PUBLIC".into(),
                partner_owned: Some(false),
            })
            .collect();
        let destinations: Vec<DestinationMetadata> =
            DESTINATIONS.iter().map(|(slug, name, cat, opts, actions)| destination(slug, name, cat, opts, actions)).collect();
        let warehouses: Vec<WarehouseMetadata> = WAREHOUSES
            .iter()
            .map(|(slug, name, opts)| WarehouseMetadata {
                id: ids::stable(false, &format!("warehouse-metadata:{slug}"), 10),
                name: name.to_string(),
                slug: slug.to_string(),
                description: format!("Load your data into {name}."),
                logos: logos(slug),
                options: options(opts),
            })
            .collect();
        let roles = ROLES
            .iter()
            .map(|(name, desc)| Role {
                id: ids::stable(false, &format!("role:{name}"), 27),
                name: name.to_string(),
                description: desc.to_string(),
            })
            .collect();
        let spaces = ["production", "staging"].iter().map(|s| format!("spa_{}", ids::stable(false, &format!("space:{s}"), 22))).collect();
        let source_ix = sources.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        let dest_ix = destinations.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        let wh_ix = warehouses.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        Catalog { sources, destinations, warehouses, roles, spaces, source_ix, dest_ix, wh_ix }
    }

    pub fn source(&self, id: &str) -> Option<&SourceMetadata> {
        self.source_ix.get(id).map(|i| &self.sources[*i])
    }

    pub fn destination(&self, id: &str) -> Option<&DestinationMetadata> {
        self.dest_ix.get(id).map(|i| &self.destinations[*i])
    }

    pub fn warehouse(&self, id: &str) -> Option<&WarehouseMetadata> {
        self.wh_ix.get(id).map(|i| &self.warehouses[*i])
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The action of a destination subscription, searched across every destination's actions.
    pub fn action(&self, dest_metadata_id: &str, action_id: &str) -> Option<&DestinationAction> {
        self.destination(dest_metadata_id)?.actions.iter().find(|a| a.id == action_id)
    }
}

fn destination(slug: &str, name: &str, cat: &str, opts: &[Opt], actions: &[(&str, &str, &str)]) -> DestinationMetadata {
    let is_actions = !actions.is_empty();
    let actions: Vec<DestinationAction> = actions
        .iter()
        .map(|(aslug, aname, trigger)| DestinationAction {
            id: ids::stable(false, &format!("action:{slug}:{aslug}"), 22),
            slug: aslug.to_string(),
            name: aname.to_string(),
            description: format!("{aname} in {name}."),
            platform: "CLOUD".into(),
            hidden: false,
            default_trigger: Some(trigger.to_string()),
            fields: vec![
                action_field(slug, aslug, 0, "userId", "User ID", "STRING", true),
                action_field(slug, aslug, 1, "properties", "Properties", "OBJECT", false),
            ],
        })
        .collect();
    let presets = actions
        .iter()
        .map(|a| DestinationPreset {
            action_id: a.id.clone(),
            name: a.name.clone(),
            fields: json!({ "userId": { "@path": "$.userId" } }),
            trigger: a.default_trigger.clone().unwrap_or_default(),
        })
        .collect();
    DestinationMetadata {
        id: ids::stable(true, &format!("destination-metadata:{slug}"), 24),
        name: name.to_string(),
        description: format!("Send your data to {name}."),
        slug: slug.to_string(),
        logos: logos(slug),
        options: options(opts),
        status: "PUBLIC".into(),
        previous_names: vec![name.to_string()],
        categories: vec![cat.to_string()],
        website: format!("https://www.{}.com", slug.trim_start_matches("actions-").replace('-', "")),
        components: vec![DestinationMetadataComponent {
            kind: if is_actions { "CLOUD" } else { "SERVER" }.into(),
            code: format!("https://github.com/segsync/integrations/tree/main/{slug}"),
            owner: Some("SEGSYNC".into()),
        }],
        supported_features: DestinationMetadataFeatures {
            cloud_mode_instances: Some("0".into()),
            device_mode_instances: Some("0".into()),
            replay: Some(false),
            browser_unbundling: Some(false),
            browser_unbundling_public: Some(false),
        },
        supported_methods: DestinationMetadataMethods {
            pageview: Some(true),
            identify: Some(true),
            alias: Some(!is_actions),
            track: Some(true),
            group: Some(true),
        },
        supported_platforms: DestinationMetadataPlatforms { browser: Some(true), server: Some(true), mobile: Some(!is_actions) },
        actions,
        presets,
        contacts: Some(vec![]),
        partner_owned: Some(false),
        supported_regions: Some(vec!["us-west-2".into(), "eu-west-1".into()]),
        region_endpoints: Some(vec!["US".into(), "EU".into()]),
        multi_instance_supported_version: None,
    }
}

fn action_field(slug: &str, aslug: &str, order: u8, key: &str, label: &str, kind: &str, required: bool) -> DestinationActionField {
    DestinationActionField {
        id: ids::stable(false, &format!("field:{slug}:{aslug}:{key}"), 22),
        sort_order: f64::from(order),
        field_key: key.to_string(),
        label: label.to_string(),
        kind: kind.to_string(),
        description: format!("{label} sent with the event."),
        placeholder: None,
        default_value: Some(Value::Null),
        required,
        multiple: false,
        choices: None,
        dynamic: false,
        allow_null: !required,
    }
}
