//! A small provider used only by the test suite to prove `tfplugin` against a real Terraform.
//! Its "API" is a JSON file (`store` in the provider block, or `TESTP_STORE`), so tests can look
//! behind Terraform's back. `TESTP_SCHEMA_V0=1` serves the older schema (version 0, `title`
//! instead of `name`) to exercise state upgrades.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::{json, Value as Json};
use tfplugin::{
    async_trait, Attribute, Block, Ctx, DataSource, Diagnostic, Diagnostics, Failure, IdentitySchema, ListItem, ListResource, Nesting,
    Provider, Resource, Schema, Type, Value,
};

static STORE: OnceLock<String> = OnceLock::new();
static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn schema_v0() -> bool {
    std::env::var("TESTP_SCHEMA_V0").is_ok_and(|v| v == "1")
}

fn name_attr() -> &'static str {
    if schema_v0() {
        "title"
    } else {
        "name"
    }
}

async fn load() -> Json {
    let path = STORE.get().cloned().unwrap_or_default();
    match tokio::fs::read(&path).await {
        Ok(b) => serde_json::from_slice(&b).unwrap_or_else(|_| json!({})),
        Err(_) => json!({}),
    }
}

async fn save(v: &Json) -> Result<(), Diagnostics> {
    let path = STORE.get().cloned().unwrap_or_default();
    tokio::fs::write(&path, serde_json::to_vec_pretty(v).unwrap_or_default())
        .await
        .map_err(|e| Diagnostics::from(Diagnostic::error("Store Write Failed", format!("Could not write {path}: {e}."))))
}

fn new_id(prefix: &str) -> String {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}-{n:x}")
}

struct Testp;

#[async_trait]
impl Provider for Testp {
    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(vec![Attribute::string("store").optional().describe("Path of the JSON file the provider keeps its objects in.")]),
        )
    }

    async fn configure(&self, _ctx: &Ctx, config: &Value) -> Diagnostics {
        let path = config.get("store").as_str().map(str::to_string).or_else(|| std::env::var("TESTP_STORE").ok());
        let mut d = Diagnostics::new();
        match path {
            Some(p) => {
                let _ = STORE.set(p);
            }
            None => d.error("Missing Store", "Set `store` in the provider block or TESTP_STORE in the environment."),
        }
        d
    }

    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        vec![Arc::new(Thing), Arc::new(Link)]
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource>> {
        vec![Arc::new(ThingData)]
    }

    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        vec![Arc::new(ThingList)]
    }
}

// ---------------------------------------------------------------- testp_thing

struct Thing;

fn thing_attrs() -> Vec<Attribute> {
    vec![
        Attribute::string("id").computed().use_state_for_unknown().describe("Identifier."),
        Attribute::string(name_attr()).required(),
        Attribute::number("size").optional(),
        Attribute::string("kind").required().requires_replace(),
        Attribute::string("serial").computed().describe("Changes on every update."),
        Attribute::json("settings").optional(),
        Attribute::string("password").optional().sensitive(),
        Attribute::string("token").write_only().sensitive(),
        Attribute::number("token_version").optional(),
        Attribute::nested("single", Nesting::Single, vec![Attribute::string("a").required(), Attribute::number("b").optional_computed()])
            .optional(),
        Attribute::nested("items", Nesting::List, vec![Attribute::string("key").required(), Attribute::string("value").optional()])
            .optional()
            .max_items(5),
        Attribute::nested("tags", Nesting::Set, vec![Attribute::string("name").required(), Attribute::string("tag_id").computed()])
            .optional(),
        Attribute::nested("labels", Nesting::Map, vec![Attribute::string("value").required()]).optional(),
        Attribute::dynamic("extra").optional(),
    ]
}

/// The store always says `name`; schema version 0 calls it `title`.
fn rename(mut j: Json, from: &str, to: &str) -> Json {
    if let Some(obj) = j.as_object_mut() {
        if let Some(v) = obj.remove(from) {
            obj.insert(to.to_string(), v);
        }
    }
    j
}

/// The state of a stored thing, in schema order; the write-only token is never part of it.
fn thing_state(stored: &Json) -> Value {
    let stored = if schema_v0() { rename(stored.clone(), "name", "title") } else { stored.clone() };
    let mut v = tfplugin::codec::from_json(&stored, &Schema::new(0, Block::new(thing_attrs())).ty()).unwrap_or(Value::Null);
    v.set("token", Value::Null);
    v
}

/// Fills server-decided values (ids of tags, `single.b`) and stores a planned thing.
fn materialize(mut planned: Value, id: &str, serial: u64) -> Value {
    planned.set("id", Value::from(id));
    planned.set("serial", Value::from(format!("r{serial}")));
    if let Some(single) = planned.get_mut("single") {
        if single.get("b").is_unknown() || single.get("b").is_null() {
            single.set("b", Value::from(1i64));
        }
    }
    if let Value::Set(tags) = planned.get("tags").clone() {
        let tags = tags
            .into_iter()
            .map(|mut t| {
                let name = t.get("name").as_str().unwrap_or_default().to_string();
                t.set("tag_id", Value::from(format!("tag-{name}")));
                t
            })
            .collect();
        planned.set("tags", Value::Set(tags));
    }
    planned
}

async fn put_thing(id: &str, state: &Value, token: &Value) -> Result<(), Diagnostics> {
    let _g = LOCK.lock().await;
    let mut store = load().await;
    store["things"][id] = if schema_v0() { rename(state.to_plain_json(), "title", "name") } else { state.to_plain_json() };
    if let Some(t) = token.as_str() {
        store["tokens"][id] = json!(t);
    }
    save(&store).await
}

#[async_trait]
impl Resource for Thing {
    fn type_name(&self) -> &str {
        "testp_thing"
    }

    fn schema(&self) -> Schema {
        Schema::new(if schema_v0() { 0 } else { 1 }, Block::new(thing_attrs()).describe("A thing kept in the test store."))
    }

    fn identity_schema(&self) -> Option<IdentitySchema> {
        Some(IdentitySchema { version: 0, attributes: vec![("id".into(), Type::String, true, "The thing's id.".into())] })
    }

    fn validate(&self, config: &Value) -> Diagnostics {
        let mut d = Diagnostics::new();
        if config.get("kind").as_str() == Some("forbidden") {
            d.error_at(tfplugin::AttrPath::attr("kind"), "Invalid Kind", "Expected any kind but \"forbidden\", got \"forbidden\".");
        }
        d
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure> {
        let name = planned.get(name_attr()).as_str().unwrap_or_default().to_string();
        if name == "panic!" {
            panic!("the test provider was asked to panic");
        }
        if name.starts_with("slow") {
            let _g = LOCK.lock().await;
            let mut store = load().await;
            store["in_progress"] = json!(name);
            save(&store).await?;
            drop(_g);
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
        let id = new_id("thing");
        let state = materialize(planned, &id, 1);
        put_thing(&id, &state, config.get("token")).await?;
        Ok(state)
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = state.get("id").as_str().unwrap_or_default().to_string();
        let store = load().await;
        let Some(stored) = store["things"].get(&id) else { return Ok(None) };
        let mut fresh = thing_state(stored);
        fresh.set("settings", tfplugin::plan::keep_json_text(state.get("settings"), fresh.get("settings").clone()));
        Ok(Some(fresh))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure> {
        let id = prior.get("id").as_str().unwrap_or_default().to_string();
        let serial: u64 = prior.get("serial").as_str().and_then(|s| s.trim_start_matches('r').parse().ok()).unwrap_or(0);
        let state = materialize(planned, &id, serial + 1);
        let resend = !prior.get("token_version").semantically_equal(config.get("token_version"));
        put_thing(&id, &state, if resend { config.get("token") } else { &Value::Null }).await?;
        Ok(state)
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let id = prior.get("id").as_str().unwrap_or_default().to_string();
        let _g = LOCK.lock().await;
        let mut store = load().await;
        if let Some(m) = store["things"].as_object_mut() {
            m.remove(&id);
        }
        save(&store).await
    }

    fn import(&self, id: &str) -> Result<Value, Diagnostics> {
        if id.is_empty() || id.contains(' ') {
            return Err(Diagnostic::error("Invalid Import ID", format!("Expected a thing id such as thing-1a2b, got {id:?}.")).into());
        }
        let mut v = Value::Object(BTreeMap::new());
        v.set("id", Value::from(id));
        Ok(v)
    }

    fn identity_of(&self, state: &Value) -> Option<Value> {
        Some(Value::object([("id", state.get("id").clone())]))
    }

    fn import_id_from_identity(&self, identity: &Value) -> Option<String> {
        identity.get("id").as_str().map(str::to_string)
    }

    fn upgrade_state(&self, from_version: i64, raw: Json) -> Result<Json, Diagnostics> {
        Ok(if from_version == 0 { rename(raw, "title", "name") } else { raw })
    }
}

// ---------------------------------------------------------------- testp_link

struct Link;

#[async_trait]
impl Resource for Link {
    fn type_name(&self) -> &str {
        "testp_link"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            0,
            Block::new(vec![
                Attribute::string("id").computed().use_state_for_unknown(),
                Attribute::string("thing_id").required().requires_replace(),
                Attribute::string("note").optional(),
                Attribute::string("thing_serial").computed(),
            ]),
        )
    }

    async fn create(&self, _ctx: &Ctx, mut planned: Value, _config: &Value) -> Result<Value, Failure> {
        let thing = planned.get("thing_id").as_str().unwrap_or_default().to_string();
        let _g = LOCK.lock().await;
        let mut store = load().await;
        let Some(serial) = store["things"].get(&thing).map(|t| t["serial"].clone()) else {
            return Err(Diagnostic::error("Thing Not Found", format!("No thing {thing:?} to link to."))
                .at(tfplugin::AttrPath::attr("thing_id"))
                .into());
        };
        let id = new_id("link");
        planned.set("id", Value::from(id.clone()));
        planned.set("thing_serial", Value::from(serial.as_str().unwrap_or_default()));
        store["links"][&id] = planned.to_plain_json();
        save(&store).await?;
        Ok(planned)
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = state.get("id").as_str().unwrap_or_default().to_string();
        let store = load().await;
        Ok(store["links"].get(&id).map(|l| tfplugin::codec::from_json(l, &self.schema().ty()).unwrap_or(Value::Null)))
    }

    async fn update(&self, _ctx: &Ctx, _prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let id = planned.get("id").as_str().unwrap_or_default().to_string();
        let _g = LOCK.lock().await;
        let mut store = load().await;
        let mut planned = planned;
        let serial =
            store["things"].get(planned.get("thing_id").as_str().unwrap_or_default()).map(|t| t["serial"].clone()).unwrap_or(Json::Null);
        planned.set("thing_serial", Value::from(serial.as_str().unwrap_or_default()));
        store["links"][&id] = planned.to_plain_json();
        save(&store).await?;
        Ok(planned)
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let id = prior.get("id").as_str().unwrap_or_default().to_string();
        let _g = LOCK.lock().await;
        let mut store = load().await;
        if let Some(m) = store["links"].as_object_mut() {
            m.remove(&id);
        }
        save(&store).await
    }
}

// ---------------------------------------------------------------- data source and list

struct ThingData;

#[async_trait]
impl DataSource for ThingData {
    fn type_name(&self) -> &str {
        "testp_thing"
    }

    fn schema(&self) -> Schema {
        fn reported(mut a: Attribute) -> Attribute {
            a.required = false;
            a.optional = false;
            a.computed = true;
            a.requires_replace = false;
            a.use_state_for_unknown = false;
            a.max_items = None;
            if let tfplugin::schema::AttrKind::Nested(n, sub) = a.kind {
                a.kind = tfplugin::schema::AttrKind::Nested(n, sub.into_iter().map(reported).collect());
            }
            a
        }
        let attrs = thing_attrs()
            .into_iter()
            .filter(|a| !a.write_only)
            .map(|a| if a.name == "id" { Attribute::string("id").required() } else { reported(a) })
            .collect();
        Schema::new(0, Block::new(attrs))
    }

    async fn read(&self, _ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics> {
        let id = config.get("id").as_str().unwrap_or_default().to_string();
        let store = load().await;
        let stored = store["things"].get(&id).ok_or_else(|| {
            Diagnostics::from(Diagnostic::error("Thing Not Found", format!("No thing with id {id:?}.")).at(tfplugin::AttrPath::attr("id")))
        })?;
        let stored = if schema_v0() { rename(stored.clone(), "name", "title") } else { stored.clone() };
        tfplugin::codec::from_json(&stored, &self.schema().ty())
            .map_err(|e| Diagnostics::from(Diagnostic::error("Bad Store", e.to_string())))
    }
}

struct ThingList;

#[async_trait]
impl ListResource for ThingList {
    fn type_name(&self) -> &str {
        "testp_thing"
    }

    fn schema(&self) -> Schema {
        Schema::new(0, Block::new(vec![Attribute::string("name_prefix").optional()]))
    }

    async fn list(&self, _ctx: &Ctx, config: &Value, include_object: bool, limit: i64) -> Result<Vec<ListItem>, Diagnostics> {
        let prefix = config.get("name_prefix").as_str().unwrap_or_default().to_string();
        let store = load().await;
        let mut out = Vec::new();
        for (id, stored) in store["things"].as_object().cloned().unwrap_or_default() {
            let state = thing_state(&stored);
            let name = state.get(name_attr()).as_str().unwrap_or_default().to_string();
            if !name.starts_with(&prefix) {
                continue;
            }
            out.push(ListItem {
                identity: Value::object([("id", Value::from(id.clone()))]),
                display_name: name,
                object: include_object.then_some(state),
            });
            if limit > 0 && out.len() as i64 >= limit {
                break;
            }
        }
        Ok(out)
    }
}

fn main() {
    tfplugin::serve(
        Testp,
        tfplugin::ServeOptions { address: "registry.terraform.io/segsync/testp".into(), module: "provider.testp".into() },
    )
}
