//! Data sources of workspace objects: sources, destinations, warehouses, tracking plans, users.

use tfplugin::{async_trait, Attribute, Block, Ctx, DataSource, Diagnostics, Nesting, Schema, Value};

use super::{exactly_one, lookup_key, reported_attrs};
use crate::api::{Api, OrDiag};
use crate::metadata::reported;
use crate::resources::{destination, source, source_tracking_plan_connection as stpc, tracking_plan, user, warehouse};

/// The state of a data source read: the resource's mapping with the write-only parts dropped.
fn without_write_only(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove("settings_wo");
        m.remove("settings_wo_version");
        m.remove("settings_wo_keys");
    }
    v
}

pub struct Source(pub Api);

#[async_trait]
impl DataSource for Source {
    fn type_name(&self) -> &str {
        "segment_source"
    }

    fn schema(&self) -> Schema {
        let mut attrs = reported_attrs(source::schema().block.attributes, &["id", "slug", "name"]);
        for a in &mut attrs {
            if a.name == "labels" {
                if let tfplugin::schema::AttrKind::Nested(_, sub) = &a.kind {
                    a.kind = tfplugin::schema::AttrKind::Nested(Nesting::List, sub.clone());
                }
            }
        }
        attrs.push(reported(Attribute::nested(
            "schema_settings",
            Nesting::Single,
            stpc::schema()
                .block
                .attribute("schema_settings")
                .map(|a| match &a.kind {
                    tfplugin::schema::AttrKind::Nested(_, sub) => sub.clone(),
                    _ => vec![],
                })
                .unwrap_or_default(),
        )));
        Schema::new(0, Block::new(attrs).describe("A source, looked up by `id`, `slug` or `name`, with its schema settings."))
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, &["id", "slug", "name"])?;
        let c = self.0.client()?;
        let src = if key == "id" {
            c.get_source(&want).await.or_diag("read the source")?.source
        } else {
            let all = c.list_sources().await.or_diag("list sources")?;
            exactly_one(
                all.into_iter().filter(|s| if key == "slug" { s.slug == want } else { s.name.as_deref() == Some(want.as_str()) }).collect(),
                "Source",
                key,
                &want,
                |s| s.id.clone(),
            )?
        };
        let settings = c.source_schema_settings(&src.id).await.or_diag("read the source's schema settings")?;
        let mut v = without_write_only(source::from_api(&src, &Value::Null));
        // Secrets are reported masked here: a data source has no configuration to keep.
        v.set("settings", Value::from(crate::convert::json_text(&serde_json::Value::Object(src.settings.clone().unwrap_or_default()))));
        if let Value::Set(labels) = v.get("labels").clone() {
            v.set("labels", Value::List(labels));
        } else {
            v.set("labels", Value::List(vec![]));
        }
        v.set("schema_settings", stpc::schema_settings_full(&settings));
        Ok(v)
    }
}

pub struct Destination(pub Api);

#[async_trait]
impl DataSource for Destination {
    fn type_name(&self) -> &str {
        "segment_destination"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(reported_attrs(destination::schema().block.attributes, &["id", "name"]))
                .describe("A destination, looked up by `id` or `name`."),
        )
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, &["id", "name"])?;
        let c = self.0.client()?;
        let d = if key == "id" {
            c.get_destination(&want).await.or_diag("read the destination")?
        } else {
            let all = c.list_destinations().await.or_diag("list destinations")?;
            exactly_one(all.into_iter().filter(|d| d.name.as_deref() == Some(want.as_str())).collect(), "Destination", key, &want, |d| {
                d.id.clone()
            })?
        };
        let mut v = without_write_only(destination::from_api(&d, &Value::Null));
        v.set("settings", Value::from(crate::convert::json_text(&serde_json::Value::Object(d.settings.clone()))));
        Ok(v)
    }
}

pub struct Warehouse(pub Api);

#[async_trait]
impl DataSource for Warehouse {
    fn type_name(&self) -> &str {
        "segment_warehouse"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(reported_attrs(warehouse::schema().block.attributes, &["id", "name"]))
                .describe("A warehouse, looked up by `id` or `name`."),
        )
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, &["id", "name"])?;
        let c = self.0.client()?;
        let w = if key == "id" {
            c.get_warehouse(&want).await.or_diag("read the warehouse")?
        } else {
            let all = c.list_warehouses().await.or_diag("list warehouses")?;
            exactly_one(
                all.into_iter().filter(|w| w.settings.get("name").and_then(|n| n.as_str()) == Some(want.as_str())).collect(),
                "Warehouse",
                key,
                &want,
                |w| w.id.clone(),
            )?
        };
        let mut v = without_write_only(warehouse::from_api(&w, &Value::Null));
        v.set("settings", Value::from(crate::convert::json_text(&serde_json::Value::Object(w.settings.clone()))));
        Ok(v)
    }
}

pub struct TrackingPlan(pub Api);

#[async_trait]
impl DataSource for TrackingPlan {
    fn type_name(&self) -> &str {
        "segment_tracking_plan"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(
                reported_attrs(tracking_plan::schema().block.attributes, &["id", "name"])
                    .into_iter()
                    .map(|a| {
                        if a.name != "rules" {
                            return a;
                        }
                        let mut rule = tracking_plan::rule_attributes();
                        rule.extend(tracking_plan::RULE_TIMES.map(|t| Attribute::string(t).computed().describe("As the API reports it.")));
                        let mut r = reported_attrs(vec![Attribute::nested("rules", Nesting::Set, rule)], &[]).remove(0);
                        r.description = a.description;
                        r
                    })
                    .collect(),
            )
            .describe("A tracking plan with its rules, looked up by `id` or `name`."),
        )
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, &["id", "name"])?;
        let c = self.0.client()?;
        let p = if key == "id" {
            c.get_tracking_plan(&want).await.or_diag("read the tracking plan")?
        } else {
            let all = c.list_tracking_plans().await.or_diag("list tracking plans")?;
            exactly_one(all.into_iter().filter(|p| p.name.as_deref() == Some(want.as_str())).collect(), "Tracking Plan", key, &want, |p| {
                p.id.clone()
            })?
        };
        let rules = c.list_tracking_plan_rules(&p.id).await.or_diag("read the tracking plan's rules")?;
        let mut v = tracking_plan::from_api(&p, &rules, &Value::Null);
        // The same rules with their times (rules are unique by type, key and version).
        let with_times = v
            .get("rules")
            .as_elements()
            .unwrap_or_default()
            .iter()
            .map(|x| {
                let mut x = x.clone();
                let r = rules.iter().find(|r| {
                    x.get("type").as_str() == Some(r.kind.as_str())
                        && x.get("key").as_str() == r.key.as_deref()
                        && x.get("version").as_number().and_then(|n| n.as_f64()) == Some(r.version)
                });
                for (k, t) in r.map(tracking_plan::rule_times).unwrap_or([
                    ("created_at", Value::Null),
                    ("updated_at", Value::Null),
                    ("deprecated_at", Value::Null),
                ]) {
                    x.set(k, t);
                }
                x
            })
            .collect();
        v.set("rules", Value::Set(with_times));
        Ok(v)
    }
}

pub struct User(pub Api);

#[async_trait]
impl DataSource for User {
    fn type_name(&self) -> &str {
        "segment_user"
    }

    fn schema(&self) -> Schema {
        let attrs = reported_attrs(user::schema().block.attributes, &["id", "email", "name"])
            .into_iter()
            .filter(|a| a.name != "is_invite")
            .collect();
        Schema::new(
            0,
            Block::new(attrs).describe("A workspace user, looked up by `id`, `email` or `name` (every page of users is searched)."),
        )
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let (key, want) = lookup_key(config, &["id", "email", "name"])?;
        let c = self.0.client()?;
        let u = if key == "id" {
            c.get_user(&want).await.or_diag("read the user")?
        } else {
            let all = c.list_users().await.or_diag("list users")?;
            exactly_one(
                all.into_iter().filter(|u| if key == "email" { u.email.eq_ignore_ascii_case(&want) } else { u.name == want }).collect(),
                "User",
                key,
                &want,
                |u| u.id.clone(),
            )?
        };
        let mut v = user::from_user(&u);
        if let Value::Object(m) = &mut v {
            m.remove("is_invite");
        }
        Ok(v)
    }
}
