//! The inventory of a workspace: every object of every resource type, as the state an import of
//! it would produce, with its import id and identity. `terraform query` and the exporter both
//! read the workspace through this.

use segsync_api::{Client, Error};
use tfplugin::Value;

use crate::resources::*;

/// One object of the workspace.
#[derive(Debug, Clone)]
pub struct Item {
    pub type_name: &'static str,
    /// The id `terraform import` takes (`<a>:<b>` for objects that live under another one).
    pub import_id: String,
    pub identity: Value,
    /// A short human name (slug, name, title, email…).
    pub display: String,
    /// The state an import of the object gives.
    pub state: Value,
}

/// Every resource type, in an order where an object's dependencies come first.
pub const TYPES: &[&str] = &[
    label::TYPE,
    source::TYPE,
    warehouse::TYPE,
    source_warehouse_connection::TYPE,
    destination::TYPE,
    destination_filter::TYPE,
    reverse_etl_model::TYPE,
    destination_subscription::TYPE,
    function::TYPE,
    insert_function_instance::TYPE,
    tracking_plan::TYPE,
    source_tracking_plan_connection::TYPE,
    transformation::TYPE,
    user::TYPE,
    user_group::TYPE,
    profiles_warehouse::TYPE,
];

fn by_id(type_name: &'static str, id: &str, display: &str, state: Value) -> Item {
    Item { type_name, import_id: id.to_string(), identity: Value::object([("id", Value::from(id))]), display: display.to_string(), state }
}

fn by_parts(type_name: &'static str, names: [&str; 2], a: &str, b: &str, display: &str, state: Value) -> Item {
    Item {
        type_name,
        import_id: format!("{a}:{b}"),
        identity: Value::object([(names[0], Value::from(a)), (names[1], Value::from(b))]),
        display: display.to_string(),
        state,
    }
}

/// Every object of one resource type. `spaces` are the spaces whose profiles warehouses to
/// list (the API has no list of spaces).
pub async fn list(c: &Client, type_name: &str, spaces: &[String]) -> Result<Vec<Item>, Error> {
    let null = Value::Null;
    let mut out = Vec::new();
    match type_name {
        label::TYPE => {
            for l in c.list_labels().await? {
                out.push(by_parts(label::TYPE, ["key", "value"], &l.key, &l.value, &format!("{}:{}", l.key, l.value), label::from_api(&l)));
            }
        }
        source::TYPE => {
            for s in c.list_sources().await? {
                out.push(by_id(source::TYPE, &s.id, &s.slug, source::from_api(&s, &null)));
            }
        }
        warehouse::TYPE => {
            for w in c.list_warehouses().await? {
                let state = warehouse::from_api(&w, &null);
                let display = state.get("name").as_str().unwrap_or(&w.metadata.name).to_string();
                out.push(by_id(warehouse::TYPE, &w.id, &display, state));
            }
        }
        source_warehouse_connection::TYPE => {
            for s in c.list_sources().await? {
                for w in c.source_connected_warehouses(&s.id).await? {
                    out.push(by_parts(
                        source_warehouse_connection::TYPE,
                        ["source_id", "warehouse_id"],
                        &s.id,
                        &w.id,
                        &format!("{} → {}", s.slug, w.id),
                        source_warehouse_connection::value(&s.id, &w.id),
                    ));
                }
            }
        }
        destination::TYPE => {
            for d in c.list_destinations().await? {
                out.push(by_id(destination::TYPE, &d.id, d.name.as_deref().unwrap_or(&d.metadata.name), destination::from_api(&d, &null)));
            }
        }
        destination_filter::TYPE => {
            for d in c.list_destinations().await? {
                for f in c.list_filters(&d.id).await? {
                    out.push(by_parts(
                        destination_filter::TYPE,
                        ["destination_id", "id"],
                        &d.id,
                        &f.id,
                        &f.title,
                        destination_filter::from_api(&f, &null),
                    ));
                }
            }
        }
        destination_subscription::TYPE => {
            for d in c.list_destinations().await?.into_iter().filter(|d| !d.metadata.actions.is_empty()) {
                for s in c.list_subscriptions(&d.id).await? {
                    out.push(by_parts(
                        destination_subscription::TYPE,
                        ["destination_id", "id"],
                        &d.id,
                        &s.id,
                        &s.name,
                        destination_subscription::from_api(&s, &null),
                    ));
                }
            }
        }
        function::TYPE => {
            for f in c.list_functions(None).await? {
                let id = f.id.clone().unwrap_or_default();
                out.push(by_id(function::TYPE, &id, f.display_name.as_deref().unwrap_or(&id), function::from_api(&f, &null)));
            }
        }
        insert_function_instance::TYPE => {
            for i in c.list_insert_function_instances(None).await? {
                out.push(by_id(
                    insert_function_instance::TYPE,
                    &i.id,
                    i.name.as_deref().unwrap_or(&i.id),
                    insert_function_instance::from_api(&i, &null),
                ));
            }
        }
        reverse_etl_model::TYPE => {
            for m in c.list_reverse_etl_models().await? {
                out.push(by_id(reverse_etl_model::TYPE, &m.id, &m.name, reverse_etl_model::from_api(&m, &null)));
            }
        }
        tracking_plan::TYPE => {
            for p in c.list_tracking_plans().await? {
                let rules = c.list_tracking_plan_rules(&p.id).await?;
                out.push(by_id(tracking_plan::TYPE, &p.id, p.name.as_deref().unwrap_or(&p.id), tracking_plan::from_api(&p, &rules, &null)));
            }
        }
        source_tracking_plan_connection::TYPE => {
            for p in c.list_tracking_plans().await? {
                for s in c.list_tracking_plan_sources(&p.id).await? {
                    let settings = c.source_schema_settings(&s.id).await?;
                    let state = Value::object([
                        ("source_id", Value::from(s.id.as_str())),
                        ("tracking_plan_id", Value::from(p.id.as_str())),
                        ("schema_settings", source_tracking_plan_connection::schema_settings_value(&settings, &null, true)),
                    ]);
                    out.push(by_parts(
                        source_tracking_plan_connection::TYPE,
                        ["source_id", "tracking_plan_id"],
                        &s.id,
                        &p.id,
                        &format!("{} → {}", s.slug, p.name.as_deref().unwrap_or(&p.id)),
                        state,
                    ));
                }
            }
        }
        transformation::TYPE => {
            for t in c.list_transformations().await? {
                out.push(by_id(transformation::TYPE, &t.id, &t.name, transformation::from_api(&t)));
            }
        }
        user::TYPE => {
            for u in c.list_users().await? {
                out.push(by_id(user::TYPE, &u.id, &u.email, user::from_user(&u)));
            }
        }
        user_group::TYPE => {
            for g in c.list_user_groups().await? {
                let mut members: Vec<String> = c.list_user_group_users(&g.id).await?.into_iter().map(|u| u.email).collect();
                members.extend(c.list_user_group_invites(&g.id).await?);
                out.push(by_id(user_group::TYPE, &g.id, &g.name, user_group::from_api(&g, &members)));
            }
        }
        profiles_warehouse::TYPE => {
            for space in spaces {
                for p in c.list_profiles_warehouses(space).await? {
                    let state = profiles_warehouse::from_api(&p, &null);
                    let display = state.get("name").as_str().unwrap_or(&p.id).to_string();
                    out.push(by_parts(profiles_warehouse::TYPE, ["space_id", "id"], space, &p.id, &display, state));
                }
            }
        }
        _ => {}
    }
    Ok(out)
}

/// The resource type an audit event's `resourceType` stands for.
pub fn type_of_event(resource_type: &str) -> Option<&'static str> {
    Some(match resource_type {
        "Source" => source::TYPE,
        "Destination" => destination::TYPE,
        "Warehouse" => warehouse::TYPE,
        "Source Warehouse Connection" => source_warehouse_connection::TYPE,
        "Destination Filter" => destination_filter::TYPE,
        "Destination Subscription" => destination_subscription::TYPE,
        "Function" => function::TYPE,
        "Insert Function Instance" => insert_function_instance::TYPE,
        "Label" => label::TYPE,
        "Profiles Warehouse" => profiles_warehouse::TYPE,
        "Reverse ETL Model" => reverse_etl_model::TYPE,
        "Source Tracking Plan Connection" => source_tracking_plan_connection::TYPE,
        "Tracking Plan" => tracking_plan::TYPE,
        "Transformation" => transformation::TYPE,
        "User" => user::TYPE,
        "User Group" => user_group::TYPE,
        _ => return None,
    })
}

fn gone<T>(r: Result<T, Error>) -> Result<Option<T>, Error> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// One object by type and import id, or `None` when it no longer exists.
pub async fn get(c: &Client, type_name: &str, import_id: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    let (a, b) = import_id.split_once(':').unwrap_or((import_id, ""));
    Ok(match type_name {
        source::TYPE => {
            gone(c.get_source(a).await)?.map(|d| by_id(source::TYPE, a, &d.source.slug.clone(), source::from_api(&d.source, &null)))
        }
        destination::TYPE => gone(c.get_destination(a).await)?
            .map(|d| by_id(destination::TYPE, a, d.name.as_deref().unwrap_or(&d.metadata.name), destination::from_api(&d, &null))),
        warehouse::TYPE => gone(c.get_warehouse(a).await)?.map(|w| {
            let state = warehouse::from_api(&w, &null);
            let display = state.get("name").as_str().unwrap_or(&w.metadata.name).to_string();
            by_id(warehouse::TYPE, a, &display, state)
        }),
        function::TYPE => gone(c.get_function(a).await)?
            .map(|f| by_id(function::TYPE, a, f.display_name.as_deref().unwrap_or(a), function::from_api(&f, &null))),
        insert_function_instance::TYPE => gone(c.get_insert_function_instance(a).await)?.map(|i| {
            by_id(insert_function_instance::TYPE, a, i.name.as_deref().unwrap_or(a), insert_function_instance::from_api(&i, &null))
        }),
        reverse_etl_model::TYPE => gone(c.get_reverse_etl_model(a).await)?
            .map(|m| by_id(reverse_etl_model::TYPE, a, &m.name.clone(), reverse_etl_model::from_api(&m, &null))),
        transformation::TYPE => {
            gone(c.get_transformation(a).await)?.map(|t| by_id(transformation::TYPE, a, &t.name.clone(), transformation::from_api(&t)))
        }
        user::TYPE => gone(c.get_user(a).await)?.map(|u| by_id(user::TYPE, a, &u.email.clone(), user::from_user(&u))),
        destination_filter::TYPE => gone(c.get_filter(a, b).await)?.map(|f| {
            by_parts(destination_filter::TYPE, ["destination_id", "id"], a, b, &f.title.clone(), destination_filter::from_api(&f, &null))
        }),
        destination_subscription::TYPE => gone(c.get_subscription(a, b).await)?.map(|s| {
            by_parts(
                destination_subscription::TYPE,
                ["destination_id", "id"],
                a,
                b,
                &s.name.clone(),
                destination_subscription::from_api(&s, &null),
            )
        }),
        tracking_plan::TYPE => match gone(c.get_tracking_plan(a).await)? {
            None => None,
            Some(p) => {
                let rules = c.list_tracking_plan_rules(a).await?;
                Some(by_id(tracking_plan::TYPE, a, p.name.as_deref().unwrap_or(a), tracking_plan::from_api(&p, &rules, &null)))
            }
        },
        user_group::TYPE => match gone(c.get_user_group(a).await)? {
            None => None,
            Some(g) => {
                let mut members: Vec<String> = c.list_user_group_users(a).await?.into_iter().map(|u| u.email).collect();
                members.extend(c.list_user_group_invites(a).await?);
                Some(by_id(user_group::TYPE, a, &g.name.clone(), user_group::from_api(&g, &members)))
            }
        },
        // Types without a single-object read: found by listing.
        other => {
            let spaces = if other == profiles_warehouse::TYPE { vec![a.to_string()] } else { vec![] };
            list(c, other, &spaces).await?.into_iter().find(|i| i.import_id == import_id)
        }
    })
}
