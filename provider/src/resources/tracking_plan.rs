//! `segment_tracking_plan`, rules included (drift in rules is detected, unlike v1.6.0).

use segsync_api::types::{CreateTrackingPlanInput, Rule, RuleInput, TrackingPlan, UpdateTrackingPlanInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{elements, f64_of, num, opt_str, parse_json, required, str_of};
use crate::create::{create_once, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_tracking_plan";

pub struct TrackingPlanResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().use_state_for_unknown().describe("The tracking plan's id (`tp_…`)."),
            Attribute::string("slug").computed().describe("The plan's slug, derived from its name."),
            Attribute::string("name").required().describe("The plan's name."),
            Attribute::string("description").optional_computed().describe("What the plan covers."),
            Attribute::string("type")
                .required()
                .requires_replace()
                .one_of(&["LIVE", "PROPERTY_LIBRARY", "RULE_LIBRARY", "TEMPLATE"])
                .describe("LIVE, PROPERTY_LIBRARY, RULE_LIBRARY or TEMPLATE."),
            Attribute::string("updated_at").computed().describe("When the plan last changed."),
            Attribute::string("created_at").computed().use_state_for_unknown().describe("When the plan was created."),
            Attribute::nested("rules", Nesting::Set, rule_attributes())
                .required()
                .max_items(2000)
                .describe("The plan's rules. Changes made outside Terraform show as drift."),
        ])
        .describe("A tracking plan: the events and properties a source may send."),
    )
}

/// The attributes of a rule as configured.
pub fn rule_attributes() -> Vec<Attribute> {
    vec![
        Attribute::string("type")
            .required()
            .one_of(&["COMMON", "GROUP", "IDENTIFY", "PAGE", "SCREEN", "TRACK"])
            .describe("COMMON, GROUP, IDENTIFY, PAGE, SCREEN or TRACK."),
        Attribute::string("key").optional().describe("The event name, for TRACK rules."),
        Attribute::json("json_schema").required().describe("The JSON Schema events must match, as JSON."),
        Attribute::number("version").required().describe("The rule's version."),
    ]
}

/// The times the API reports on a rule (read-only: the data source shows them, as the official
/// provider's does).
pub const RULE_TIMES: [&str; 3] = ["created_at", "updated_at", "deprecated_at"];

/// A rule's times, by [`RULE_TIMES`] name.
pub fn rule_times(r: &Rule) -> [(&'static str, Value); 3] {
    [
        ("created_at", opt_str(r.created_at.as_deref())),
        ("updated_at", opt_str(r.updated_at.as_deref())),
        ("deprecated_at", opt_str(r.deprecated_at.as_deref())),
    ]
}

pub fn from_api(p: &TrackingPlan, rules: &[Rule], prior: &Value) -> Value {
    let prior_rules = elements(prior, "rules").to_vec();
    let rules = rules
        .iter()
        .map(|r| {
            let schema_text = Value::from(crate::convert::json_text(&r.json_schema));
            let key = opt_str(r.key.as_deref());
            let same = prior_rules.iter().find(|x| {
                x.get("type").as_str() == Some(r.kind.as_str()) && *x.get("key") == key && f64_of(x, "version") == Some(r.version)
            });
            let schema_text =
                same.map(|x| tfplugin::plan::keep_json_text(x.get("json_schema"), schema_text.clone())).unwrap_or(schema_text);
            Value::object([("type", Value::from(r.kind.as_str())), ("key", key), ("json_schema", schema_text), ("version", num(r.version))])
        })
        .collect();
    Value::object([
        ("id", Value::from(p.id.as_str())),
        ("slug", opt_str(p.slug.as_deref())),
        ("name", opt_str(p.name.as_deref())),
        ("description", opt_str(p.description.as_deref())),
        ("type", Value::from(p.kind.as_str())),
        ("updated_at", opt_str(p.updated_at.as_deref())),
        ("created_at", opt_str(p.created_at.as_deref())),
        ("rules", Value::Set(rules)),
    ])
}

fn rules_of(v: &Value) -> Result<Vec<RuleInput>, Diagnostics> {
    elements(v, "rules")
        .iter()
        .map(|r| {
            Ok(RuleInput {
                kind: required(r, "type")?,
                key: str_of(r, "key"),
                json_schema: parse_json(r.get("json_schema")).unwrap_or(serde_json::Value::Null),
                version: f64_of(r, "version").unwrap_or(1.0),
            })
        })
        .collect()
}

impl TrackingPlanResource {
    async fn fetch(&self, id: &str, prior: &Value) -> Result<Option<Value>, Diagnostics> {
        let c = self.0.client()?;
        let Some(p) = found(c.get_tracking_plan(id).await, "read the tracking plan")? else { return Ok(None) };
        let Some(rules) = found(c.list_tracking_plan_rules(id).await, "read the tracking plan's rules")? else { return Ok(None) };
        Ok(Some(from_api(&p, &rules, prior)))
    }
}

#[async_trait]
impl Resource for TrackingPlanResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let input = CreateTrackingPlanInput {
            name: required(&planned, "name")?,
            description: str_of(&planned, "description"),
            kind: required(&planned, "type")?,
        };
        let name = input.name.clone();
        let lookup = Lookup::in_kind(&KIND, c, vec![], true, move |i| i.state.get("name").as_str() == Some(name.as_str()));
        let p = match create_once(TYPE, "tracking plan", lookup, || c.create_tracking_plan(&input)).await? {
            Created::New(p) => p,
            Created::Adopted(id) => c.get_tracking_plan(&id).await.or_diag("read the tracking plan")?,
        };
        if let Err(e) = c.replace_tracking_plan_rules(&p.id, rules_of(&planned)?).await {
            // No half-made plan is left behind.
            let failed = crate::api::error("set the new tracking plan's rules", &e);
            return Err(crate::api::roll_back(failed, c.delete_tracking_plan(&p.id), "tracking plan", from_api(&p, &[], &planned)).await);
        }
        Ok(self.fetch(&p.id, &planned).await?.unwrap_or(Value::Null))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        self.fetch(&required(&state, "id")?, &state).await
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let id = required(&prior, "id")?;
        if prior.get("name") != planned.get("name") || prior.get("description") != planned.get("description") {
            c.update_tracking_plan(
                &id,
                &UpdateTrackingPlanInput { name: str_of(&planned, "name"), description: str_of(&planned, "description") },
            )
            .await
            .or_diag("update the tracking plan")?;
        }
        if !prior.get("rules").semantically_equal(planned.get("rules")) {
            c.replace_tracking_plan_rules(&id, rules_of(&planned)?).await.or_diag("replace the tracking plan's rules")?;
        }
        Ok(self.fetch(&id, &planned).await?.unwrap_or(Value::Null))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_tracking_plan(&required(&prior, "id")?).await, "delete the tracking plan")
    }

    crate::import_by_id!("tracking plan");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::TRACKING_PLAN],
    referenced_as: &["tracking_plan_id"],
    list_scope: None,
    resource: |api| std::sync::Arc::new(TrackingPlanResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let null = &Value::Null;
    crate::kind::each(c.list_tracking_plans().await?, |p| async move {
        let rules = c.list_tracking_plan_rules(&p.id).await?;
        Ok(vec![KIND.item([&p.id, ""], p.name.as_deref().unwrap_or(&p.id), from_api(&p, &rules, null))])
    })
    .await
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    let Some(p) = gone(c.get_tracking_plan(a).await)? else { return Ok(None) };
    let rules = c.list_tracking_plan_rules(a).await?;
    Ok(Some(KIND.item([a, ""], p.name.as_deref().unwrap_or(a), from_api(&p, &rules, &null))))
}
