//! `segment_source_tracking_plan_connection`, with the source's schema settings (drift in them
//! is detected, unlike v1.6.0).

use segsync_api::types::{SchemaSettings, Source, TrackSettings, TraitSettings};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, opt_bool, opt_str, required, str_of};
use crate::kind::{IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_source_tracking_plan_connection";

pub struct SourceTrackingPlanConnectionResource(pub Api);

fn traits_attrs() -> Vec<Attribute> {
    vec![
        Attribute::bool("allow_unplanned_traits").optional(),
        Attribute::bool("allow_traits_on_violations").optional(),
        Attribute::string("common_event_on_violations").optional(),
    ]
}

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("source_id").required().requires_replace().describe("The source."),
            Attribute::string("tracking_plan_id")
                .required()
                .requires_replace()
                .describe("The tracking plan the source's events are checked against."),
            Attribute::nested(
                "schema_settings",
                Nesting::Single,
                vec![
                    Attribute::nested(
                        "track",
                        Nesting::Single,
                        vec![
                            Attribute::bool("allow_unplanned_events").optional(),
                            Attribute::bool("allow_unplanned_event_properties").optional(),
                            Attribute::bool("allow_event_on_violations").optional(),
                            Attribute::bool("allow_properties_on_violations").optional(),
                            Attribute::string("common_event_on_violations").optional(),
                        ],
                    )
                    .optional(),
                    Attribute::nested("identify", Nesting::Single, traits_attrs()).optional(),
                    Attribute::nested("group", Nesting::Single, traits_attrs()).optional(),
                    Attribute::string("forwarding_violations_to").optional().describe("A source that receives violations."),
                    Attribute::string("forwarding_blocked_events_to").optional().describe("A source that receives blocked events."),
                ],
            )
            .optional()
            .describe("How the source treats events that break the plan. Only the sections set here are managed."),
        ])
        .describe("Connects a source to a tracking plan."),
    )
}

fn track_value(t: &Option<TrackSettings>) -> Value {
    let Some(t) = t.clone() else { return Value::Null };
    Value::object([
        ("allow_unplanned_events", opt_bool(t.allow_unplanned_events)),
        ("allow_unplanned_event_properties", opt_bool(t.allow_unplanned_event_properties)),
        ("allow_event_on_violations", opt_bool(t.allow_event_on_violations)),
        ("allow_properties_on_violations", opt_bool(t.allow_properties_on_violations)),
        ("common_event_on_violations", opt_str(t.common_event_on_violations.as_deref())),
    ])
}

fn traits_value(t: &Option<TraitSettings>) -> Value {
    let Some(t) = t.clone() else { return Value::Null };
    Value::object([
        ("allow_unplanned_traits", opt_bool(t.allow_unplanned_traits)),
        ("allow_traits_on_violations", opt_bool(t.allow_traits_on_violations)),
        ("common_event_on_violations", opt_str(t.common_event_on_violations.as_deref())),
    ])
}

/// The full schema settings as a value (every section, every field).
pub fn schema_settings_full(s: &SchemaSettings) -> Value {
    Value::object([
        ("track", track_value(&s.track)),
        ("identify", traits_value(&s.identify)),
        ("group", traits_value(&s.group)),
        ("forwarding_violations_to", opt_str(s.forwarding_violations_to.as_deref())),
        ("forwarding_blocked_events_to", opt_str(s.forwarding_blocked_events_to.as_deref())),
    ])
}

/// Keeps the remote values of exactly the fields the prior state manages (non-null there).
fn managed(remote: &Value, prior: &Value) -> Value {
    match (remote, prior) {
        (_, Value::Null) => Value::Null,
        (Value::Object(r), Value::Object(p)) => {
            Value::Object(r.iter().map(|(k, v)| (k.clone(), managed(v, p.get(k).unwrap_or(&Value::Null)))).collect())
        }
        (r, _) => r.clone(),
    }
}

/// The schema settings as state: the remote values of the fields the prior state manages (all
/// of them right after an import; null when nothing is set remotely).
pub fn schema_settings_value(s: &SchemaSettings, prior: &Value, importing: bool) -> Value {
    let full = schema_settings_full(s);
    if importing {
        let empty = full.as_attrs().is_some_and(|m| m.values().all(Value::is_null));
        return if empty { Value::Null } else { full };
    }
    managed(&full, prior)
}

fn schema_settings_of(v: &Value) -> Option<SchemaSettings> {
    let s = v.get("schema_settings");
    if s.is_null() {
        return None;
    }
    let track = s.get("track");
    let traits = |t: &Value| {
        (!t.is_null()).then(|| TraitSettings {
            allow_unplanned_traits: bool_of(t, "allow_unplanned_traits"),
            allow_traits_on_violations: bool_of(t, "allow_traits_on_violations"),
            common_event_on_violations: str_of(t, "common_event_on_violations"),
        })
    };
    Some(SchemaSettings {
        track: (!track.is_null()).then(|| TrackSettings {
            allow_unplanned_events: bool_of(track, "allow_unplanned_events"),
            allow_unplanned_event_properties: bool_of(track, "allow_unplanned_event_properties"),
            allow_event_on_violations: bool_of(track, "allow_event_on_violations"),
            allow_properties_on_violations: bool_of(track, "allow_properties_on_violations"),
            common_event_on_violations: str_of(track, "common_event_on_violations"),
        }),
        identify: traits(s.get("identify")),
        group: traits(s.get("group")),
        forwarding_violations_to: str_of(s, "forwarding_violations_to"),
        forwarding_blocked_events_to: str_of(s, "forwarding_blocked_events_to"),
    })
}

#[async_trait]
impl Resource for SourceTrackingPlanConnectionResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let (src, tp) = (required(&planned, "source_id")?, required(&planned, "tracking_plan_id")?);
        // A source is on one tracking plan at most: after a lost answer, its plan says.
        let (s, plan) = (src.clone(), tp.clone());
        let lookup = crate::create::Lookup {
            list: Box::new(move || {
                let s = s.clone();
                Box::pin(async move {
                    let d = c.get_source(&s).await?;
                    let plan = d.tracking_plan_id.unwrap_or_default();
                    Ok(vec![KIND.item([&s, &plan], &s, Value::object([("tracking_plan_id", Value::from(plan.as_str()))]))])
                })
            }),
            is_it: Box::new(move |i| i.state.get("tracking_plan_id").as_str() == Some(plan.as_str())),
            unique: true,
        };
        crate::create::create_once(TYPE, "tracking plan connection", lookup, || c.add_source_to_tracking_plan(&tp, &src)).await?;
        if let Some(s) = schema_settings_of(&planned) {
            if let Err(e) = c.update_source_schema_settings(&src, &s).await {
                let failed = crate::api::error("set the source's schema settings", &e);
                let undo = c.remove_source_from_tracking_plan(&tp, &src);
                return Err(crate::api::roll_back(failed, undo, "tracking plan connection", planned.clone()).await);
            }
        }
        Ok(planned)
    }

    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let c = self.0.client()?;
        let (src, tp) = (required(&state, "source_id")?, required(&state, "tracking_plan_id")?);
        let Some(s) = found(c.get_source(&src).await, "read the source")? else { return Ok(None) };
        if s.tracking_plan_id.as_deref() != Some(tp.as_str()) {
            return Ok(None);
        }
        let settings = if state.get("schema_settings").is_null() && !ctx.importing {
            Value::Null
        } else {
            schema_settings_value(
                &c.source_schema_settings(&src).await.or_diag("read the source's schema settings")?,
                state.get("schema_settings"),
                ctx.importing,
            )
        };
        Ok(Some(Value::object([("source_id", Value::from(src)), ("tracking_plan_id", Value::from(tp)), ("schema_settings", settings)])))
    }

    async fn update(&self, _ctx: &Ctx, _prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        if let Some(s) = schema_settings_of(&planned) {
            let src = required(&planned, "source_id")?;
            self.0.client()?.update_source_schema_settings(&src, &s).await.or_diag("update the source's schema settings")?;
        }
        Ok(planned)
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let (src, tp) = (required(&prior, "source_id")?, required(&prior, "tracking_plan_id")?);
        deleted(self.0.client()?.remove_source_from_tracking_plan(&tp, &src).await, "disconnect the source from the tracking plan")
    }

    fn identity_schema(&self) -> Option<tfplugin::IdentitySchema> {
        Some(crate::identity::by_parts(&[("source_id", "The source's id."), ("tracking_plan_id", "The tracking plan's id.")]))
    }

    fn import(&self, id: &str) -> Result<Value, Diagnostics> {
        let (s, t) = crate::kind::parse_pair(id, "<source_id>:<tracking_plan_id>")?;
        Ok(Value::object([("source_id", Value::from(s)), ("tracking_plan_id", Value::from(t))]))
    }

    fn identity_of(&self, state: &Value) -> Option<Value> {
        crate::identity::of_parts(state, &["source_id", "tracking_plan_id"])
    }

    fn import_id_from_identity(&self, identity: &Value) -> Option<String> {
        crate::identity::joined(identity, &["source_id", "tracking_plan_id"])
    }
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Parts(["source_id", "tracking_plan_id"]),
    audit_types: &[resource_type::SOURCE_TRACKING_PLAN_CONNECTION],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(SourceTrackingPlanConnectionResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: None,
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    items(c, pairs(c).await?).await
}

/// Every (plan, source) pair: the API lists the sources per plan (there is no read of a
/// source's plan).
async fn pairs(c: &Client) -> Result<Vec<Pair>, Error> {
    crate::kind::each(c.list_tracking_plans().await?, |p| async move {
        let name = p.name.clone().unwrap_or_else(|| p.id.clone());
        Ok(c.list_tracking_plan_sources(&p.id).await?.into_iter().map(|s| (p.id.clone(), name.clone(), s)).collect())
    })
    .await
}

/// A connection as listed: the plan's id and name, and the source.
type Pair = (String, String, Source);

/// The connections of one source (`segment_source`) or one tracking plan
/// (`segment_tracking_plan`); `None` for other kinds. A plan's are one request (and one per
/// source for its schema settings, and the plan's name); a source's need every plan's list.
pub async fn involving(c: &Client, of_type: &str, id: &str) -> Result<Option<Vec<Item>>, Error> {
    let pairs = match of_type {
        "segment_source" => pairs(c).await?.into_iter().filter(|(_, _, s)| s.id == id).collect(),
        "segment_tracking_plan" => match c.get_tracking_plan(id).await {
            Ok(p) => {
                let name = p.name.unwrap_or_else(|| p.id.clone());
                c.list_tracking_plan_sources(id).await?.into_iter().map(|s| (id.to_string(), name.clone(), s)).collect()
            }
            Err(e) if e.is_not_found() => Vec::new(),
            Err(e) => return Err(e),
        },
        _ => return Ok(None),
    };
    Ok(Some(items(c, pairs).await?))
}

async fn items(c: &Client, pairs: Vec<Pair>) -> Result<Vec<Item>, Error> {
    let null = &Value::Null;
    crate::kind::each(pairs, |(plan, name, s)| async move {
        let settings = c.source_schema_settings(&s.id).await?;
        let state = Value::object([
            ("source_id", Value::from(s.id.as_str())),
            ("tracking_plan_id", Value::from(plan.as_str())),
            ("schema_settings", schema_settings_value(&settings, null, true)),
        ]);
        Ok(vec![KIND.item([&s.id, &plan], &format!("{} → {name}", s.slug), state)])
    })
    .await
}
