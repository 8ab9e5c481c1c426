//! `segment_destination_subscription` (import id `<destination_id>:<subscription_id>`).

use segsync_api::types::{CreateSubscriptionInput, DestinationSubscription, ReverseEtlSchedule, SubscriptionUpdate};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, opt_json_text, opt_str, parse_json, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::settings;
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_destination_subscription";

pub struct DestinationSubscriptionResource(pub Api);

pub fn schema() -> Schema {
    let mut attrs = vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("The subscription's id."),
        Attribute::string("destination_id").required().requires_replace().describe("The (actions) destination the subscription belongs to."),
        Attribute::string("name").required().describe("The subscription's name."),
        Attribute::bool("enabled").required().describe("Whether the subscription runs."),
        Attribute::string("action_id").required().requires_replace().describe("The destination action this subscription triggers."),
        Attribute::string("action_slug").computed().use_state_for_unknown().describe("The action's slug."),
        Attribute::string("trigger").required().describe("The FQL condition that triggers the action."),
        Attribute::string("model_id").optional().requires_replace().describe("The reverse-ETL model feeding this subscription, if any."),
        Attribute::nested(
            "reverse_etl_schedule",
            Nesting::Single,
            vec![
                Attribute::string("strategy").required().one_of(&["PERIODIC", "SPECIFIC_DAYS", "CRON", "DBT_CLOUD", "MANUAL"]).describe("PERIODIC, SPECIFIC_DAYS, CRON, DBT_CLOUD or MANUAL."),
                Attribute::json("config").optional().describe("The schedule's configuration as JSON: `{interval}`, `{days, hours, timezone}`, `{spec, timezone}` or `{jobId, accountId}`."),
            ],
        )
        .optional()
        .describe("When a reverse-ETL subscription runs."),
    ];
    attrs.extend(settings::attributes(true, "subscription"));
    Schema::new(
        0,
        Block::new(attrs)
            .describe("A subscription of an actions destination: which events trigger which action, with which field mappings."),
    )
}

pub fn from_api(s: &DestinationSubscription, prior: &Value) -> Value {
    let schedule = match &s.reverse_etl_schedule {
        None => Value::Null,
        Some(r) => {
            let cfg = tfplugin::plan::keep_json_text(prior.get("reverse_etl_schedule").get("config"), opt_json_text(r.config.as_ref()));
            Value::object([("strategy", Value::from(r.strategy.as_str())), ("config", cfg)])
        }
    };
    let mut attrs = vec![
        ("id", Value::from(s.id.as_str())),
        ("destination_id", Value::from(s.destination_id.as_str())),
        ("name", Value::from(s.name.as_str())),
        ("enabled", Value::Bool(s.enabled)),
        ("action_id", Value::from(s.action_id.as_str())),
        ("action_slug", Value::from(s.action_slug.as_str())),
        ("trigger", Value::from(s.trigger.as_str())),
        ("model_id", opt_str(s.model_id.as_deref())),
        ("reverse_etl_schedule", schedule),
    ];
    attrs.extend(settings::state(&s.settings, prior, &[]));
    Value::object(attrs)
}

fn schedule_of(v: &Value) -> Result<Option<ReverseEtlSchedule>, Diagnostics> {
    let s = v.get("reverse_etl_schedule");
    if s.is_null() {
        return Ok(None);
    }
    Ok(Some(ReverseEtlSchedule { strategy: required(s, "strategy")?, config: parse_json(s.get("config")) }))
}

#[async_trait]
impl Resource for DestinationSubscriptionResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &Value::Null, config);
        let c = self.0.client()?;
        let dest = required(&planned, "destination_id")?;
        let input = CreateSubscriptionInput {
            name: required(&planned, "name")?,
            action_id: required(&planned, "action_id")?,
            trigger: required(&planned, "trigger")?,
            enabled: bool_of(&planned, "enabled").unwrap_or(false),
            settings: Some(settings::for_create(planned.get("settings"), config.get("settings_wo"))),
            model_id: str_of(&planned, "model_id"),
            reverse_etl_schedule: None,
        };
        let d = dest.clone();
        let lookup = Lookup {
            list: Box::new(move || {
                let d = d.clone();
                Box::pin(async move {
                    Ok(c.list_subscriptions(&d).await?.iter().map(|s| KIND.item([&d, &s.id], &s.name, from_api(s, &Value::Null))).collect())
                })
            }),
            is_it: Box::new(|i: &Item| same_fields(&planned, &i.state, &["name", "action_id", "trigger", "model_id", "enabled"])),
            unique: false,
        };
        let mut s = match create_once(TYPE, "destination subscription", lookup, || c.create_subscription(&dest, &input)).await? {
            Created::New(s) => s,
            Created::Adopted(id) => c
                .get_subscription(&dest, crate::kind::split_id(&id).last().copied().unwrap_or(&id))
                .await
                .or_diag("read the destination subscription")?,
        };
        if let Some(schedule) = schedule_of(&planned)? {
            // The API sets schedules by update; undo the create if that fails.
            let update = SubscriptionUpdate { reverse_etl_schedule: Some(schedule), ..Default::default() };
            match c.update_subscription(&dest, &s.id, &update).await {
                Ok(x) => s = x,
                Err(e) => {
                    let failed = crate::api::error("schedule the new destination subscription", &e);
                    let partial = from_api(&s, &planned);
                    return Err(
                        crate::api::roll_back(failed, c.delete_subscription(&dest, &s.id), "destination subscription", partial).await
                    );
                }
            }
        }
        Ok(settings::without_generated(ctx, from_api(&s, &planned), input.settings.as_ref(), &s.settings, &planned))
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let (d, id) = (required(&state, "destination_id")?, required(&state, "id")?);
        Ok(found(self.0.client()?.get_subscription(&d, &id).await, "read the destination subscription")?
            .map(|s| settings::without_generated(ctx, from_api(&s, &state), None, &s.settings, &state)))
    }

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let planned = settings::with_wo_keys(planned, &prior, config);
        let (d, id) = (required(&prior, "destination_id")?, required(&prior, "id")?);
        let input = SubscriptionUpdate {
            name: str_of(&planned, "name"),
            trigger: str_of(&planned, "trigger"),
            enabled: bool_of(&planned, "enabled"),
            settings: Some(settings::for_update(&prior, &planned, config)),
            reverse_etl_model_id: None,
            reverse_etl_schedule: schedule_of(&planned)?,
        };
        let s = self.0.client()?.update_subscription(&d, &id, &input).await.or_diag("update the destination subscription")?;
        Ok(settings::without_generated(ctx, from_api(&s, &planned), input.settings.as_ref(), &s.settings, &planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let (d, id) = (required(&prior, "destination_id")?, required(&prior, "id")?);
        deleted(self.0.client()?.delete_subscription(&d, &id).await, "delete the destination subscription")
    }

    crate::import_by_parts!("destination_id", "id", "<destination_id>:<subscription_id>");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Parts(["destination_id", "id"]),
    audit_types: &[resource_type::DESTINATION_SUBSCRIPTION],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(DestinationSubscriptionResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let null = &Value::Null;
    let with_actions: Vec<String> =
        c.destination_refs().await?.into_iter().filter(|d| !d.metadata.actions.is_empty()).map(|d| d.id).collect();
    crate::kind::each(with_actions, |d| async move {
        Ok(c.list_subscriptions(&d).await?.iter().map(|s| KIND.item([&d, &s.id], &s.name, from_api(s, null))).collect())
    })
    .await
}

async fn get_one(c: &Client, a: &str, b: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    Ok(gone(c.get_subscription(a, b).await)?.map(|s| KIND.item([a, b], &s.name, from_api(&s, &null))))
}
