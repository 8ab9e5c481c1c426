//! Create → read → update → list → delete for every family, through the typed client.

use segsync_api::types::*;
use serde_json::json;

use crate::support::{start, start_with};

fn obj(v: serde_json::Value) -> Settings {
    v.as_object().cloned().expect("object")
}

#[tokio::test]
async fn workspace_and_catalog() {
    let srv = start().await;
    let c = srv.client();
    let ws = c.workspace().await.expect("workspace");
    assert_eq!(ws.slug, "segsync");
    let cat = srv.catalog().await;
    let total = cat.sources.len() + cat.destinations.len() + cat.warehouses.len();
    assert!(total >= 30, "catalog has {total} integrations");
    let secret_options = cat.destinations.iter().flat_map(|d| &d.options).filter(|o| o.kind == "password").count();
    assert!(secret_options >= 10, "catalog has {secret_options} secret options");
    let d = &cat.destinations[0];
    assert_eq!(c.destination_metadata(&d.id).await.expect("metadata"), *d);
    let s = &cat.sources[0];
    assert_eq!(c.source_metadata(&s.id).await.expect("metadata"), *s);
    let w = &cat.warehouses[0];
    assert_eq!(c.warehouse_metadata(&w.id).await.expect("metadata"), *w);
    assert!(c.source_metadata("nope").await.expect_err("unknown").is_not_found());
    assert!(c.list_roles().await.expect("roles").len() >= 10);
    srv.stop().await;
}

#[tokio::test]
async fn sources_labels_schema_settings() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let stripe = cat.source("stripe");
    let src = c
        .create_source(&CreateSourceInput {
            slug: "billing-stripe".into(),
            enabled: true,
            metadata_id: stripe.id.clone(),
            settings: Some(obj(json!({ "apiKey": "rk_live_0123456789abcdef", "accountId": "acct_1" }))),
            ..Default::default()
        })
        .await
        .expect("create");
    assert_eq!(src.id.len(), 22);
    assert_eq!(src.metadata.id, stripe.id);
    assert_eq!(src.write_keys.len(), 1);
    let got = c.get_source(&src.id).await.expect("get");
    assert_eq!(got.source, src);
    assert_eq!(got.tracking_plan_id, None);

    let up = c
        .update_source(
            &src.id,
            &UpdateSourceInput {
                name: Some("Billing".into()),
                enabled: Some(false),
                settings: Some(obj(json!({ "accountId": "acct_2" }))),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(up.name.as_deref(), Some("Billing"));
    assert!(!up.enabled);
    assert_eq!(up.settings.as_ref().and_then(|s| s.get("accountId")), Some(&json!("acct_2")));

    c.create_label(&Label { key: "env".into(), value: "prod".into(), description: Some("Production".into()) }).await.expect("label");
    let labels =
        c.replace_source_labels(&src.id, vec![Label { key: "env".into(), value: "prod".into(), description: None }]).await.expect("labels");
    assert_eq!(labels[0].description.as_deref(), Some("Production"));
    assert_eq!(c.get_source(&src.id).await.expect("get").source.labels, labels);
    assert_eq!(c.list_labels().await.expect("labels").len(), 1);

    let ss = c
        .update_source_schema_settings(
            &src.id,
            &SchemaSettings {
                track: Some(TrackSettings { allow_unplanned_events: Some(false), ..Default::default() }),
                ..Default::default()
            },
        )
        .await
        .expect("schema settings");
    assert_eq!(ss.track.as_ref().and_then(|t| t.allow_unplanned_events), Some(false));
    let ss2 = c
        .update_source_schema_settings(
            &src.id,
            &SchemaSettings {
                identify: Some(TraitSettings { allow_traits_on_violations: Some(true), ..Default::default() }),
                ..Default::default()
            },
        )
        .await
        .expect("schema settings");
    assert_eq!(ss2.track, ss.track, "a partial update keeps the other sections");
    assert_eq!(c.source_schema_settings(&src.id).await.expect("get"), ss2);

    // Deleting a label takes it off the source.
    c.delete_label("env", "prod").await.expect("delete label");
    assert!(c.get_source(&src.id).await.expect("get").source.labels.is_empty());

    assert_eq!(c.list_sources().await.expect("list").len(), 1);
    c.delete_source(&src.id).await.expect("delete");
    assert!(c.get_source(&src.id).await.expect_err("gone").is_not_found());
    assert!(c.delete_source(&src.id).await.expect_err("gone").is_not_found());
    srv.stop().await;
}

#[tokio::test]
async fn destinations_filters_subscriptions_models() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let src = srv.javascript_source("web").await;
    let meta = cat.destination("actions-amplitude");
    let dest = c
        .create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: meta.id.clone(),
            enabled: Some(true),
            name: Some("Amplitude".into()),
            settings: obj(json!({ "apiKey": "amp-secret-key-9876", "endpoint": "EU" })),
        })
        .await
        .expect("destination");
    assert_eq!(dest.id.len(), 24);
    assert!(dest.id.chars().all(|ch| ch.is_ascii_hexdigit()));
    let up = c
        .update_destination(
            &dest.id,
            &UpdateDestinationInput { name: Some(None), enabled: Some(false), settings: Some(obj(json!({ "endpoint": null }))) },
        )
        .await
        .expect("update");
    assert_eq!(up.name, None, "an explicit null clears the name");
    assert!(!up.settings.contains_key("endpoint"), "a null setting removes the key");
    assert_eq!(c.get_destination(&dest.id).await.expect("get"), up);
    assert_eq!(c.list_destinations().await.expect("list").len(), 1);

    // Filters
    let f = c
        .create_filter(
            &dest.id,
            &CreateFilterInput {
                source_id: src.id.clone(),
                condition: "event = \"Page Viewed\"".into(),
                actions: vec![FilterAction {
                    kind: "SAMPLE".into(),
                    percent: Some(0.5),
                    path: Some("userId".into()),
                    ..Default::default()
                }],
                title: "Sample views".into(),
                description: None,
                enabled: true,
            },
        )
        .await
        .expect("filter");
    assert_eq!(f.id.len(), 27);
    let f2 = c
        .update_filter(
            &dest.id,
            &f.id,
            &UpdateFilterInput { title: Some("Half of views".into()), description: Some(Some("why".into())), ..Default::default() },
        )
        .await
        .expect("update");
    assert_eq!(f2.title, "Half of views");
    assert_eq!(c.get_filter(&dest.id, &f.id).await.expect("get"), f2);
    assert_eq!(c.list_filters(&dest.id).await.expect("list"), vec![f2.clone()]);
    c.delete_filter(&dest.id, &f.id).await.expect("delete");
    assert!(c.get_filter(&dest.id, &f.id).await.expect_err("gone").is_not_found());

    // Reverse-ETL model + subscription with a schedule
    let model = c
        .create_reverse_etl_model(&CreateReverseEtlModelInput {
            source_id: src.id.clone(),
            name: "Active users".into(),
            description: "last 30 days".into(),
            enabled: true,
            query: "SELECT id FROM users".into(),
            query_identifier_column: "id".into(),
        })
        .await
        .expect("model");
    let m2 = c
        .update_reverse_etl_model(&model.id, &UpdateReverseEtlModelInput { enabled: Some(false), ..Default::default() })
        .await
        .expect("update");
    assert!(!m2.enabled);
    assert_eq!(c.get_reverse_etl_model(&model.id).await.expect("get"), m2);
    assert_eq!(c.list_reverse_etl_models().await.expect("list").len(), 1);

    let action = &meta.actions[0];
    let sub = c
        .create_subscription(
            &dest.id,
            &CreateSubscriptionInput {
                name: "Log events".into(),
                action_id: action.id.clone(),
                trigger: "type = \"track\"".into(),
                enabled: true,
                settings: Some(obj(json!({ "userId": { "@path": "$.userId" } }))),
                model_id: Some(model.id.clone()),
                reverse_etl_schedule: None,
            },
        )
        .await
        .expect("subscription");
    assert_eq!(sub.action_slug, action.slug);
    let sched = ReverseEtlSchedule { strategy: "CRON".into(), config: Some(json!({ "spec": "0 * * * *", "timezone": "UTC" })) };
    let sub2 = c
        .update_subscription(
            &dest.id,
            &sub.id,
            &SubscriptionUpdate { reverse_etl_schedule: Some(sched.clone()), enabled: Some(false), ..Default::default() },
        )
        .await
        .expect("update");
    assert_eq!(sub2.reverse_etl_schedule, Some(sched));
    assert_eq!(c.get_subscription(&dest.id, &sub.id).await.expect("get"), sub2);
    assert_eq!(c.list_subscriptions(&dest.id).await.expect("list").len(), 1);
    c.delete_subscription(&dest.id, &sub.id).await.expect("delete");
    assert!(c.list_subscriptions(&dest.id).await.expect("list").is_empty());
    c.delete_reverse_etl_model(&model.id).await.expect("delete");

    // Deleting a destination takes its filters with it.
    c.create_filter(
        &dest.id,
        &CreateFilterInput {
            source_id: src.id.clone(),
            condition: "true".into(),
            actions: vec![FilterAction { kind: "DROP".into(), ..Default::default() }],
            title: "t".into(),
            description: None,
            enabled: true,
        },
    )
    .await
    .expect("filter");
    c.delete_destination(&dest.id).await.expect("delete");
    assert!(c.get_destination(&dest.id).await.expect_err("gone").is_not_found());
    assert!(c.list_filters(&dest.id).await.expect_err("gone").is_not_found());
    let (rows, _) = srv.snapshot().await;
    assert!(rows.iter().all(|(k, _, _)| k != "filter"), "no orphan filters: {rows:?}");
    srv.stop().await;
}

#[tokio::test]
async fn warehouses_connections_profiles() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let src = c
        .create_source(&CreateSourceInput {
            slug: "app".into(),
            enabled: true,
            metadata_id: cat.source("ios").id.clone(),
            ..Default::default()
        })
        .await
        .expect("source");
    let wh = c
        .create_warehouse(&CreateWarehouseInput {
            metadata_id: cat.warehouse("postgres").id.clone(),
            name: Some("Analytics DB".into()),
            enabled: Some(true),
            settings: obj(json!({ "hostname": "db.internal", "port": 5432, "database": "events", "username": "loader", "password": "pg-pass-word-42" })),
            disconnect_all_sources: None,
        })
        .await
        .expect("warehouse");
    assert_eq!(wh.settings.get("name"), Some(&json!("Analytics DB")), "the name lives in settings.name");
    assert!(!wh.settings.contains_key("password"), "a warehouse password is never returned");
    let up = c
        .update_warehouse(
            &wh.id,
            &UpdateWarehouseInput { name: Some(Some("Events DB".into())), enabled: Some(false), settings: obj(json!({ "port": 5433 })) },
        )
        .await
        .expect("update");
    assert_eq!(up.settings.get("port"), Some(&json!(5433)));
    assert_eq!(up.settings.get("name"), Some(&json!("Events DB")));
    assert_eq!(c.get_warehouse(&wh.id).await.expect("get"), up);
    assert_eq!(c.list_warehouses().await.expect("list").len(), 1);

    c.connect_source_to_warehouse(&wh.id, &src.id).await.expect("connect");
    c.connect_source_to_warehouse(&wh.id, &src.id).await.expect("connecting twice is harmless");
    assert_eq!(
        c.source_connected_warehouses(&src.id).await.expect("connected").iter().map(|w| w.id.clone()).collect::<Vec<_>>(),
        vec![wh.id.clone()]
    );
    assert_eq!(
        c.warehouse_connected_sources(&wh.id).await.expect("connected sources").iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        vec![src.id.clone()]
    );
    c.disconnect_source_from_warehouse(&wh.id, &src.id).await.expect("disconnect");
    assert!(c.source_connected_warehouses(&src.id).await.expect("connected").is_empty());
    assert!(c.warehouse_connected_sources(&wh.id).await.expect("connected sources").is_empty());
    assert!(c.warehouse_connected_sources("nope").await.expect_err("no such warehouse").is_not_found());
    assert!(c.disconnect_source_from_warehouse(&wh.id, &src.id).await.expect_err("gone").is_not_found());
    c.delete_warehouse(&wh.id).await.expect("delete");
    assert!(c.get_warehouse(&wh.id).await.expect_err("gone").is_not_found());

    // Profiles warehouses live in a space.
    let space = srv.state.catalog.spaces[0].clone();
    let pw = c
        .create_profiles_warehouse(
            &space,
            &CreateProfilesWarehouseInput {
                metadata_id: cat.warehouse("snowflake").id.clone(),
                name: Some("Profiles".into()),
                enabled: Some(true),
                settings: obj(json!({ "account": "acme", "password": "sf-secret-pass" })),
                schema_name: Some("profiles".into()),
            },
        )
        .await
        .expect("profiles warehouse");
    assert_eq!(pw.space_id, space);
    let pw2 = c
        .update_profiles_warehouse(
            &space,
            &pw.id,
            &UpdateProfilesWarehouseInput { schema_name: Some("profiles_v2".into()), ..Default::default() },
        )
        .await
        .expect("update");
    assert_eq!(pw2.schema_name.as_deref(), Some("profiles_v2"));
    assert_eq!(c.list_profiles_warehouses(&space).await.expect("list"), vec![pw2]);
    assert!(c.list_profiles_warehouses("spa_missing").await.expect_err("no space").is_not_found());
    c.delete_profiles_warehouse(&space, &pw.id).await.expect("delete");
    assert!(c.list_profiles_warehouses(&space).await.expect("list").is_empty());
    srv.stop().await;
}

#[tokio::test]
async fn functions_and_insert_function_instances() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let sf = c
        .create_function(&CreateFunctionInput {
            code: "async function onRequest() {}".into(),
            display_name: "Webhook in".into(),
            resource_type: "SOURCE".into(),
            ..Default::default()
        })
        .await
        .expect("source function");
    assert!(sf.id.as_deref().is_some_and(|i| i.starts_with("sfnc_")));
    let df = c
        .create_function(&CreateFunctionInput {
            code: "async function onTrack() {}".into(),
            display_name: "Out".into(),
            resource_type: "DESTINATION".into(),
            ..Default::default()
        })
        .await
        .expect("destination function");
    assert!(df.id.as_deref().is_some_and(|i| i.starts_with("dfn_")));
    let setting = FunctionSetting {
        name: "apiKey".into(),
        label: "API key".into(),
        description: "key".into(),
        kind: "STRING".into(),
        required: true,
        sensitive: true,
    };
    let inf = c
        .create_function(&CreateFunctionInput {
            code: "async function onTrack(e) { return e }".into(),
            display_name: "Enrich".into(),
            resource_type: "INSERT_DESTINATION".into(),
            settings: Some(vec![setting]),
            ..Default::default()
        })
        .await
        .expect("insert function");
    let inf_id = inf.id.clone().expect("id");
    assert!(inf_id.starts_with("ifnd_"));
    let up = c
        .update_function(&inf_id, &UpdateFunctionInput { description: Some("adds data".into()), ..Default::default() })
        .await
        .expect("update");
    assert_eq!(up.description.as_deref(), Some("adds data"));
    assert_eq!(c.get_function(&inf_id).await.expect("get"), up);
    assert_eq!(c.list_all_functions().await.expect("list").len(), 3);
    assert_eq!(c.list_functions("SOURCE").await.expect("list").len(), 1);

    let src = c
        .create_source(&CreateSourceInput {
            slug: "srv".into(),
            enabled: true,
            metadata_id: cat.source("node-js").id.clone(),
            ..Default::default()
        })
        .await
        .expect("source");
    let dest = c
        .create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: cat.destination("webhooks").id.clone(),
            settings: Settings::new(),
            ..Default::default()
        })
        .await
        .expect("dest");
    let inst = c
        .create_insert_function_instance(&CreateInsertFunctionInstanceInput {
            function_id: inf_id.clone(),
            integration_id: dest.id.clone(),
            enabled: Some(true),
            name: "Enrich webhooks".into(),
            settings: obj(json!({ "apiKey": "fn-secret-value-777" })),
        })
        .await
        .expect("instance");
    assert_eq!(inst.class_id, inf_id.trim_start_matches("ifnd_"));
    assert_eq!(inst.settings.get("apiKey"), Some(&json!("•••••••••••••••-777")));
    assert_eq!(inst.encrypted_settings.get("apiKey"), Some(&json!("•••••••••••••••-777")));
    let inst2 = c
        .update_insert_function_instance(&inst.id, &UpdateInsertFunctionInstanceInput { enabled: Some(false), ..Default::default() })
        .await
        .expect("update");
    assert!(!inst2.enabled);
    assert_eq!(c.get_insert_function_instance(&inst.id).await.expect("get"), inst2);
    assert_eq!(c.list_insert_function_instances(&inf_id).await.expect("list").len(), 1);
    c.delete_insert_function_instance(&inst.id).await.expect("delete");
    assert!(c.get_insert_function_instance(&inst.id).await.expect_err("gone").is_not_found());
    c.delete_function(&sf.id.expect("id")).await.expect("delete");
    assert_eq!(c.list_all_functions().await.expect("list").len(), 2);
    srv.stop().await;
}

#[tokio::test]
async fn transformations_and_tracking_plans() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let src = c
        .create_source(&CreateSourceInput {
            slug: "shop".into(),
            enabled: true,
            metadata_id: cat.source("javascript").id.clone(),
            ..Default::default()
        })
        .await
        .expect("source");
    let t = c
        .create_transformation(&CreateTransformationInput {
            name: "Rename".into(),
            source_id: src.id.clone(),
            enabled: true,
            condition: "event = \"Order Completed\"".into(),
            fields: TransformationFields {
                new_event_name: Some("Order Done".into()),
                property_renames: Some(vec![PropertyRename { old_name: "a".into(), new_name: "b".into() }]),
                ..Default::default()
            },
        })
        .await
        .expect("transformation");
    let t2 = c
        .update_transformation(
            &t.id,
            &UpdateTransformationInput {
                enabled: Some(false),
                fields: TransformationFields { allow_properties: Some(vec!["x".into()]), ..Default::default() },
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(t2.fields.new_event_name.as_deref(), Some("Order Done"), "unsent fields are kept");
    assert_eq!(t2.fields.allow_properties, Some(vec!["x".to_string()]));
    assert_eq!(c.get_transformation(&t.id).await.expect("get"), t2);
    assert_eq!(c.list_transformations().await.expect("list").len(), 1);
    c.delete_transformation(&t.id).await.expect("delete");

    let plan = c
        .create_tracking_plan(&CreateTrackingPlanInput { name: "Web Plan".into(), description: None, kind: "LIVE".into() })
        .await
        .expect("plan");
    assert!(plan.id.starts_with("tp_") && plan.id.len() == 30);
    assert_eq!(plan.slug.as_deref(), Some("web-plan"));
    c.update_tracking_plan(&plan.id, &UpdateTrackingPlanInput { description: Some("All web events".into()), ..Default::default() })
        .await
        .expect("update");
    assert_eq!(c.get_tracking_plan(&plan.id).await.expect("get").description.as_deref(), Some("All web events"));
    let rules: Vec<RuleInput> = (0..450)
        .map(|i| RuleInput {
            kind: "TRACK".into(),
            key: Some(format!("Event {i}")),
            json_schema: json!({ "type": "object", "properties": {} }),
            version: 1.0,
        })
        .collect();
    c.replace_tracking_plan_rules(&plan.id, rules).await.expect("rules");
    let got = c.list_tracking_plan_rules(&plan.id).await.expect("rules");
    assert_eq!(got.len(), 450, "rules are read across pages");
    assert_eq!(got[449].key.as_deref(), Some("Event 449"));
    c.add_source_to_tracking_plan(&plan.id, &src.id).await.expect("connect");
    assert_eq!(c.get_source(&src.id).await.expect("get").tracking_plan_id.as_deref(), Some(plan.id.as_str()));
    assert_eq!(c.list_tracking_plan_sources(&plan.id).await.expect("sources").len(), 1);
    c.remove_source_from_tracking_plan(&plan.id, &src.id).await.expect("disconnect");
    assert!(c.list_tracking_plan_sources(&plan.id).await.expect("sources").is_empty());
    assert_eq!(c.list_tracking_plans().await.expect("list").len(), 1);
    c.delete_tracking_plan(&plan.id).await.expect("delete");
    assert!(c.get_tracking_plan(&plan.id).await.expect_err("gone").is_not_found());
    srv.stop().await;
}

#[tokio::test]
async fn users_invites_groups() {
    let srv = start_with(segsync_server::Config { extensions: true, ..Default::default() }).await;
    let c = srv.client();
    let roles = c.list_roles().await.expect("roles");
    let role = &roles[2];
    let emails = c
        .create_invites(vec![
            Invite {
                email: "ada@example.com".into(),
                permissions: Some(vec![InvitePermission { role_id: role.id.clone(), resources: None, labels: None }]),
            },
            Invite { email: "grace@example.com".into(), permissions: None },
        ])
        .await
        .expect("invites");
    assert_eq!(emails, vec!["ada@example.com", "grace@example.com"]);
    assert_eq!(c.list_invites().await.expect("invites").len(), 2);
    let ada = c.accept_invite("ada@example.com").await.expect("accept");
    assert_eq!(ada.name, "Ada");
    assert_eq!(ada.permissions.as_ref().map(|p| p[0].role_name.clone()), Some(role.name.clone()));
    assert_eq!(c.list_invites().await.expect("invites"), vec!["grace@example.com"]);
    assert_eq!(c.get_user(&ada.id).await.expect("user"), ada);
    let perms = c
        .replace_user_permissions(
            &ada.id,
            vec![PermissionInput {
                role_id: roles[0].id.clone(),
                resources: vec![PermissionResource { id: "ws".into(), kind: "WORKSPACE".into(), labels: None }],
            }],
        )
        .await
        .expect("permissions");
    assert_eq!(perms[0].role_name, roles[0].name);
    assert_eq!(c.list_users().await.expect("users").len(), 1);

    let g = c.create_user_group("Data team").await.expect("group");
    let g2 = c.replace_user_group_members(&g.id, vec!["ada@example.com".into(), "grace@example.com".into()]).await.expect("members");
    assert_eq!(g2.member_count, 2);
    assert_eq!(
        c.list_user_group_users(&g.id).await.expect("users").iter().map(|u| u.email.clone()).collect::<Vec<_>>(),
        vec!["ada@example.com"]
    );
    assert_eq!(c.list_user_group_invites(&g.id).await.expect("invites"), vec!["grace@example.com"]);
    let gp = c
        .replace_user_group_permissions(&g.id, vec![PermissionInput { role_id: role.id.clone(), resources: vec![] }])
        .await
        .expect("permissions");
    assert_eq!(gp.len(), 1);
    let g3 = c.update_user_group(&g.id, "Data").await.expect("rename");
    assert_eq!(g3.name, "Data");
    assert_eq!(c.get_user_group(&g.id).await.expect("get"), g3);
    assert_eq!(c.list_user_groups().await.expect("list").len(), 1);
    c.delete_user_group(&g.id).await.expect("delete");
    assert!(c.get_user_group(&g.id).await.expect_err("gone").is_not_found());

    c.delete_users(&[&ada.id]).await.expect("delete user");
    assert!(c.get_user(&ada.id).await.expect_err("gone").is_not_found());
    c.delete_invites(&["grace@example.com"]).await.expect("delete invite");
    assert!(c.list_invites().await.expect("invites").is_empty());
    srv.stop().await;
}

#[tokio::test]
async fn secrets_are_masked_and_survive_round_trips() {
    let srv = start().await;
    let c = srv.client();
    let cat = srv.catalog().await;
    let src = c
        .create_source(&CreateSourceInput {
            slug: "s".into(),
            enabled: true,
            metadata_id: cat.source("javascript").id.clone(),
            ..Default::default()
        })
        .await
        .expect("source");
    let meta = cat.destination("amplitude");
    let secret = "amp-key-0123456789adce";
    let dest = c
        .create_destination(&CreateDestinationInput {
            source_id: src.id.clone(),
            metadata_id: meta.id.clone(),
            settings: obj(json!({ "apiKey": secret, "useLogRevenueV2": true })),
            ..Default::default()
        })
        .await
        .expect("destination");
    let masked = dest.settings.get("apiKey").and_then(|v| v.as_str()).expect("masked key").to_string();
    assert!(masked.ends_with("adce") && masked.starts_with('•'), "masked: {masked}");
    assert_eq!(masked.chars().count(), secret.chars().count());
    assert_eq!(dest.settings.get("useLogRevenueV2"), Some(&json!(true)), "non-secret settings are returned as they are");

    // Sending the masked value back keeps the stored secret.
    c.update_destination(&dest.id, &UpdateDestinationInput { settings: Some(dest.settings.clone()), ..Default::default() })
        .await
        .expect("update");
    let (rows, _) = srv.snapshot().await;
    let stored = rows.iter().find(|(k, id, _)| k == "destination" && *id == dest.id).expect("row");
    assert!(stored.2.contains(secret), "the real secret is still stored");

    // Nothing a client can read shows the secret.
    let raw = srv.http();
    for path in [format!("/destinations/{}", dest.id), "/destinations".to_string()] {
        let r = raw.get(&path).await;
        assert!(!r.body.to_string().contains(secret), "{path} leaks the secret");
    }
    srv.stop().await;
}
