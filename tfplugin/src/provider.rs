//! What a provider implements: the provider itself, resources, data sources, list resources.
//! Each method has the smallest useful default, so a resource module holds only its own logic.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan;
use crate::schema::{IdentitySchema, Schema};
use crate::value::Value;

/// Per-call context: cancellation by `StopProvider` is handled by the server (the call's future
/// is dropped), so handlers only need to be cancel-safe.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    /// The resource's private data (see [`Private`]); empty outside resource calls.
    pub private: Private,
    pub terraform_version: String,
    /// True in the Read that follows an import: the state holds only what the import id gave,
    /// so every remote value should be reported.
    pub importing: bool,
}

/// A resource's private data: bytes Terraform keeps beside the state without showing them,
/// handed back on every later call (plan, apply, read). Here a JSON object of small facts a
/// resource remembers about its object; set during create, update or read, kept otherwise.
#[derive(Debug, Clone, Default)]
pub struct Private(Arc<Mutex<serde_json::Map<String, serde_json::Value>>>);

impl Private {
    /// Private data as Terraform sent it (anything that is not a JSON object reads as empty).
    pub fn from_bytes(b: &[u8]) -> Self {
        let m = serde_json::from_slice::<serde_json::Value>(b).ok().and_then(|v| v.as_object().cloned()).unwrap_or_default();
        Private(Arc::new(Mutex::new(m)))
    }

    /// The bytes to give Terraform (empty when there is nothing).
    pub fn to_bytes(&self) -> Vec<u8> {
        let m = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if m.is_empty() {
            Vec::new()
        } else {
            serde_json::to_vec(&*m).unwrap_or_default()
        }
    }

    pub fn get(&self, key: &str) -> Option<serde_json::Value> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(key).cloned()
    }

    /// Sets `key`; `null` removes it.
    pub fn set(&self, key: &str, v: serde_json::Value) {
        let mut m = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if v.is_null() {
            m.remove(key);
        } else {
            m.insert(key.to_string(), v);
        }
    }
}

/// A failure that may still have created something: `partial` is recorded in state so Terraform
/// tracks (and can destroy) it.
#[derive(Debug, Clone, Default)]
pub struct Failure {
    pub diagnostics: Diagnostics,
    pub partial: Option<Value>,
}

impl From<Diagnostics> for Failure {
    fn from(diagnostics: Diagnostics) -> Self {
        Failure { diagnostics, partial: None }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure { diagnostics: d.into(), partial: None }
    }
}

#[async_trait]
pub trait Provider: Send + Sync + 'static {
    /// The provider block's schema.
    fn schema(&self) -> Schema;

    /// Checks the provider block (beyond the schema's own checks).
    fn validate(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    /// Receives the provider block before any resource call.
    async fn configure(&self, ctx: &Ctx, config: &Value) -> Diagnostics;

    fn resources(&self) -> Vec<Arc<dyn Resource>>;

    fn data_sources(&self) -> Vec<Arc<dyn DataSource>> {
        Vec::new()
    }

    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        Vec::new()
    }
}

/// Plan-time view of a resource change, for [`Resource::modify_plan`].
#[derive(Debug, Clone)]
pub struct PlanChange<'a> {
    pub prior: &'a Value,
    pub config: &'a Value,
    /// The default plan, to adjust in place.
    pub planned: Value,
    pub requires_replace: Vec<crate::diagnostics::AttrPath>,
}

#[async_trait]
pub trait Resource: Send + Sync + 'static {
    /// The full type name, such as `segment_source`.
    fn type_name(&self) -> &str;

    fn schema(&self) -> Schema;

    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Checks a configuration beyond the schema's own checks (cross-attribute rules).
    fn validate(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    /// Adjusts the default plan (see [`crate::plan`]).
    fn modify_plan(&self, _change: &mut PlanChange<'_>) -> Diagnostics {
        Diagnostics::new()
    }

    /// Creates the object. `config` carries write-only values, which `planned` does not.
    async fn create(&self, ctx: &Ctx, planned: Value, config: &Value) -> Result<Value, Failure>;

    /// Refreshes the object; `Ok(None)` means it is gone.
    async fn read(&self, ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics>;

    async fn update(&self, ctx: &Ctx, prior: Value, planned: Value, config: &Value) -> Result<Value, Failure>;

    /// Deletes the object; deleting something already gone must succeed.
    async fn delete(&self, ctx: &Ctx, prior: Value) -> Result<(), Diagnostics>;

    /// Turns an import id into a (possibly partial) state that Read then completes.
    fn import(&self, id: &str) -> Result<Value, Diagnostics> {
        Err(Diagnostic::error("Import Not Supported", format!("{} cannot be imported (got id {id:?}).", self.type_name())).into())
    }

    /// The identity of an object, from its state.
    fn identity_of(&self, _state: &Value) -> Option<Value> {
        None
    }

    /// The import id an identity stands for.
    fn import_id_from_identity(&self, _identity: &Value) -> Option<String> {
        None
    }

    /// Upgrades raw JSON state written under schema `from_version` to the current shape.
    fn upgrade_state(&self, _from_version: i64, raw: serde_json::Value) -> Result<serde_json::Value, Diagnostics> {
        Ok(raw)
    }

    /// The configuration `terraform plan -generate-config-out` writes for an imported object.
    fn generate_config(&self, state: &Value) -> Value {
        plan::config_from_state(&self.schema().block.attributes, state)
    }
}

#[async_trait]
pub trait DataSource: Send + Sync + 'static {
    fn type_name(&self) -> &str;
    fn schema(&self) -> Schema;
    fn validate(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }
    async fn read(&self, ctx: &Ctx, config: &Value) -> Result<Value, Diagnostics>;
}

/// One object found by a list resource.
#[derive(Debug, Clone)]
pub struct ListItem {
    pub identity: Value,
    pub display_name: String,
    /// The full object in the resource's schema (asked for by `-generate-config-out`).
    pub object: Option<Value>,
}

#[async_trait]
pub trait ListResource: Send + Sync + 'static {
    /// The resource type this lists (it must also have an identity schema).
    fn type_name(&self) -> &str;
    /// The schema of the `config` block inside `list "…" "…" { config { … } }`.
    fn schema(&self) -> Schema;
    fn validate(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }
    async fn list(&self, ctx: &Ctx, config: &Value, include_object: bool, limit: i64) -> Result<Vec<ListItem>, Diagnostics>;
}
