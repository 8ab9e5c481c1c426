//! A deterministic, realistic workspace of about N resources over every family, written through
//! the same operations as the API (so audit events exist), in large transactions.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use segsync_api::types::*;
use serde_json::json;

use crate::catalog::Catalog;
use crate::error::AppResult;
use crate::ops::{destinations, functions, iam, sources, tracking_plans, transformations, warehouses};
use crate::store::{Actor, Db, Tx};

/// What a seed run created, by family.
#[derive(Debug, Default, Clone)]
pub struct SeedStats {
    pub total: usize,
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
}

impl SeedStats {
    fn add(&mut self, kind: &'static str) {
        self.total += 1;
        *self.by_kind.entry(kind).or_default() += 1;
    }
}

const WORDS: &[&str] =
    &["web", "ios", "android", "checkout", "billing", "marketing", "growth", "support", "search", "catalog", "payments", "auth"];
const SPECIAL_LABELS: &[(&str, &str)] =
    &[("environment", "prod"), ("environment", "dev"), ("environment", "staging"), ("team", "growth"), ("team", "data"), ("team", "core")];

fn settings(v: serde_json::Value) -> Settings {
    match v {
        serde_json::Value::Object(m) => m,
        _ => Settings::new(),
    }
}

/// A secret-looking value, deterministic for the seed.
fn secret(rng: &mut StdRng, prefix: &str) -> String {
    let tail: String = (0..24).map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.gen_range(0..36)])).collect();
    format!("{prefix}_{tail}")
}

pub async fn seed(db: &Db, cat: &Catalog, target: usize, seed: u64) -> AppResult<SeedStats> {
    let actor = Actor::for_token("seed", None);
    let mut stats = SeedStats::default();
    let mut rng = StdRng::seed_from_u64(seed);

    let mut tx = db.write(actor.clone()).await?;
    tx.rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    for (k, v) in SPECIAL_LABELS {
        if !tx.exists(crate::store::kind::LABEL, &crate::records::label_id(k, v)).await? {
            iam::create_label_in(&mut tx, Label { key: k.to_string(), value: v.to_string(), description: Some(format!("{k} {v}")) })
                .await?;
            stats.add("label");
        }
    }

    let mut i = 0usize;
    while stats.total < target {
        if i % 25 == 24 {
            // Commit in chunks: readers see progress and the write lock is shared fairly.
            let id_rng = std::mem::replace(&mut tx.rng, StdRng::seed_from_u64(0));
            tx.commit().await?;
            tx = db.write(actor.clone()).await?;
            tx.rng = id_rng;
        }
        unit(&mut tx, cat, &mut rng, i, &mut stats).await?;
        i += 1;
    }
    tx.commit().await?;
    Ok(stats)
}

/// One "team" worth of resources around a source.
async fn unit(tx: &mut Tx, cat: &Catalog, rng: &mut StdRng, i: usize, stats: &mut SeedStats) -> AppResult<()> {
    let word = WORDS[i % WORDS.len()];
    let cloud: Vec<&SourceMetadata> = cat.sources.iter().collect();
    let meta = cloud[i % cloud.len()];
    let mut src_settings = json!({});
    for o in &meta.options {
        src_settings[&o.name] = if o.kind == crate::catalog::SECRET_OPTION_TYPE {
            json!(secret(rng, "sk"))
        } else if o.kind == "boolean" {
            json!(rng.gen_bool(0.5))
        } else {
            json!(format!("{word}-{i}"))
        };
    }
    let src = sources::create_source(
        tx,
        cat,
        CreateSourceInput {
            slug: format!("{word}-{}-{i}", meta.slug),
            enabled: rng.gen_bool(0.8),
            metadata_id: meta.id.clone(),
            settings: Some(settings(src_settings)),
            disconnect_all_warehouses: None,
            name: Some(format!("{} {} {i}", capital(word), meta.name)),
        },
    )
    .await?;
    stats.add("source");
    let (lk, lv) = SPECIAL_LABELS[i % SPECIAL_LABELS.len()];
    sources::replace_source_labels(tx, &src.id, vec![Label { key: lk.into(), value: lv.into(), description: None }]).await?;
    if i.is_multiple_of(3) {
        sources::update_schema_settings_of(
            tx,
            &src.id,
            SchemaSettings {
                track: Some(TrackSettings {
                    allow_unplanned_events: Some(false),
                    common_event_on_violations: Some("ALLOW".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
        .await?;
    }

    for d in 0..2 {
        let dmeta = &cat.destinations[(i * 2 + d) % cat.destinations.len()];
        let mut ds = json!({});
        for o in &dmeta.options {
            ds[&o.name] = match o.kind.as_str() {
                "password" => json!(secret(rng, "key")),
                "boolean" => json!(rng.gen_bool(0.5)),
                "array" => json!([format!("https://hooks.example.com/{word}/{i}")]),
                "map" => json!({ "Order Completed": "#orders" }),
                "number" => json!(rng.gen_range(1..100)),
                _ => json!(format!("{word}-{d}")),
            };
        }
        let dest = destinations::create_destination(
            tx,
            cat,
            CreateDestinationInput {
                source_id: src.id.clone(),
                metadata_id: dmeta.id.clone(),
                enabled: Some(rng.gen_bool(0.7)),
                name: Some(format!("{} {} {i}", capital(word), dmeta.name)),
                settings: settings(ds),
            },
        )
        .await?;
        stats.add("destination");
        destinations::create_filter_for(
            tx,
            &dest.id,
            CreateFilterInput {
                source_id: src.id.clone(),
                condition: format!("event = \"{} Viewed\"", capital(word)),
                actions: vec![FilterAction { kind: "DROP".into(), ..Default::default() }],
                title: format!("Drop {word} views"),
                description: Some("Keeps noisy page views out of this destination.".into()),
                enabled: true,
            },
        )
        .await?;
        stats.add("destination_filter");
        if let Some(action) = dmeta.actions.first() {
            let model = if i.is_multiple_of(2) {
                let m = transformations::create_reverse_etl_model(
                    tx,
                    CreateReverseEtlModelInput {
                        source_id: src.id.clone(),
                        name: format!("{} users {i}", capital(word)),
                        description: "Active users of the last 30 days".into(),
                        enabled: true,
                        query: format!("SELECT id, email FROM {word}.users WHERE active"),
                        query_identifier_column: "id".into(),
                    },
                )
                .await?;
                stats.add("reverse_etl_model");
                Some(m.id)
            } else {
                None
            };
            destinations::create_subscription_for(
                tx,
                cat,
                &dest.id,
                CreateSubscriptionInput {
                    name: format!("{} {i}", action.name),
                    action_id: action.id.clone(),
                    trigger: action.default_trigger.clone().unwrap_or_default(),
                    enabled: true,
                    settings: Some(settings(json!({ "userId": { "@path": "$.userId" } }))),
                    reverse_etl_schedule: model
                        .as_ref()
                        .map(|_| ReverseEtlSchedule { strategy: "PERIODIC".into(), config: Some(json!({ "interval": "1d" })) }),
                    model_id: model,
                },
            )
            .await?;
            stats.add("destination_subscription");
        }
    }

    if i.is_multiple_of(3) {
        let wmeta = &cat.warehouses[i % cat.warehouses.len()];
        let mut ws = json!({});
        for o in &wmeta.options {
            ws[&o.name] = match o.kind.as_str() {
                "password" => json!(secret(rng, "pw")),
                "number" => json!(5432),
                _ => json!(format!("{word}_{i}")),
            };
        }
        let wh = warehouses::create_warehouse(
            tx,
            cat,
            CreateWarehouseInput {
                metadata_id: wmeta.id.clone(),
                name: Some(format!("{} warehouse {i}", capital(word))),
                enabled: Some(true),
                settings: settings(ws),
                disconnect_all_sources: None,
            },
        )
        .await?;
        stats.add("warehouse");
        warehouses::connect_source(tx, &wh.id, &src.id).await?;
        stats.add("source_warehouse_connection");
    }
    if i.is_multiple_of(4) {
        let plan = tracking_plans::create_tracking_plan(
            tx,
            CreateTrackingPlanInput {
                name: format!("{} plan {i}", capital(word)),
                description: Some("Events the team relies on".into()),
                kind: "LIVE".into(),
            },
        )
        .await?;
        stats.add("tracking_plan");
        let rules = ["Signed Up", "Order Completed", "Product Viewed", "Checkout Started"]
            .iter()
            .map(|e| RuleInput {
                kind: "TRACK".into(),
                key: Some(e.to_string()),
                json_schema: json!({ "type": "object", "properties": { "properties": { "type": "object", "required": ["id"] } } }),
                version: 1.0,
            })
            .chain(std::iter::once(RuleInput {
                kind: "IDENTIFY".into(),
                key: None,
                json_schema: json!({ "type": "object" }),
                version: 1.0,
            }))
            .collect();
        tracking_plans::replace_plan_rules(tx, &plan.plan.id, rules).await?;
        tracking_plans::add_source_to_plan(tx, &plan.plan.id, &src.id).await?;
        stats.add("source_tracking_plan_connection");
    }
    if i.is_multiple_of(5) {
        transformations::create_transformation(
            tx,
            cat,
            CreateTransformationInput {
                name: format!("Rename {word} ids {i}"),
                source_id: src.id.clone(),
                enabled: true,
                condition: "event = \"Order Completed\"".into(),
                fields: TransformationFields {
                    property_renames: Some(vec![PropertyRename { old_name: "orderId".into(), new_name: "order_id".into() }]),
                    ..Default::default()
                },
            },
        )
        .await?;
        stats.add("transformation");
    }
    if i.is_multiple_of(6) {
        let insert = i.is_multiple_of(12);
        let f = functions::create_function(
            tx,
            CreateFunctionInput {
                code: format!("async function onTrack(event, settings) {{\n  // {word} {i}\n  return event;\n}}\n"),
                settings: Some(vec![FunctionSetting {
                    name: "apiKey".into(),
                    label: "API key".into(),
                    description: "Key of the downstream service".into(),
                    kind: "STRING".into(),
                    required: true,
                    sensitive: true,
                }]),
                display_name: format!("{} enricher {i}", capital(word)),
                logo_url: None,
                resource_type: if insert { "INSERT_DESTINATION".into() } else { "SOURCE".into() },
                description: Some("Adds account data to events".into()),
            },
        )
        .await?;
        stats.add("function");
        if insert {
            let dest: Vec<destinations::DestinationRec> = tx.by_ref(crate::store::kind::DESTINATION, &src.id).await?;
            if let (Some(d), Some(fid)) = (dest.first(), f.id.clone()) {
                functions::create_instance_of(
                    tx,
                    CreateInsertFunctionInstanceInput {
                        function_id: segsync_api::types::insert_function_class_id(&fid).to_string(),
                        integration_id: d.id.clone(),
                        enabled: Some(true),
                        name: format!("{} enricher instance {i}", capital(word)),
                        settings: settings(json!({ "apiKey": secret(rng, "fn") })),
                    },
                )
                .await?;
                stats.add("insert_function_instance");
            }
        }
    }
    if i % 5 == 2 {
        let email = format!("{word}.{i}@example.com");
        let role = &cat.roles[i % cat.roles.len()];
        iam::create_invites_in(
            tx,
            cat,
            vec![Invite {
                email: email.clone(),
                permissions: Some(vec![InvitePermission {
                    role_id: role.id.clone(),
                    resources: Some(vec![ResourceRef { id: src.id.clone(), kind: "SOURCE".into() }]),
                    labels: None,
                }]),
            }],
        )
        .await?;
        if i % 10 == 2 {
            iam::accept_invite_in(tx, cat, &email).await?;
        }
        stats.add("user");
    }
    if i.is_multiple_of(8) {
        let g = iam::create_group_in(tx, format!("{} team {i}", capital(word))).await?;
        iam::replace_group_members(tx, &g.id, vec![format!("{word}.{i}@example.com"), format!("lead.{word}@example.com")]).await?;
        let role = &cat.roles[1];
        iam::replace_group_permissions_in(
            tx,
            cat,
            &g.id,
            vec![PermissionInput {
                role_id: role.id.clone(),
                resources: vec![PermissionResource { id: src.id.clone(), kind: "SOURCE".into(), labels: None }],
            }],
        )
        .await?;
        stats.add("user_group");
    }
    if i.is_multiple_of(20) {
        let space = &cat.spaces[i / 20 % cat.spaces.len()];
        let wmeta = &cat.warehouses[0];
        warehouses::create_profiles_warehouse(
            tx,
            cat,
            space,
            CreateProfilesWarehouseInput {
                metadata_id: wmeta.id.clone(),
                name: Some(format!("Profiles {i}")),
                enabled: Some(true),
                settings: settings(json!({ "account": "acme", "password": secret(rng, "pw") })),
                schema_name: Some(format!("profiles_{i}")),
            },
        )
        .await?;
        stats.add("profiles_warehouse");
    }
    Ok(())
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
