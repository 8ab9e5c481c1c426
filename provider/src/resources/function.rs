//! `segment_function`.

use segsync_api::types::{function_display_name, CreateFunctionInput, Function, FunctionSetting, UpdateFunctionInput};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Nesting, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{bool_of, opt_str, required, str_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_function";

pub struct FunctionResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().use_state_for_unknown().describe("The function's id (`sfnc_…`, `dfn_…` or `ifnd_…`)."),
            Attribute::string("code").required().describe("The function's JavaScript source."),
            Attribute::string("display_name").optional().describe(
                "The function's name in the workspace. The API appends the workspace name to the names of destination and insert \
                 functions; state keeps the name without it.",
            ),
            Attribute::string("logo_url").optional().describe("A logo shown for the function."),
            Attribute::string("resource_type")
                .required()
                .requires_replace()
                .one_of(&["SOURCE", "DESTINATION", "INSERT_DESTINATION", "INSERT_SOURCE"])
                .describe("SOURCE, DESTINATION, INSERT_DESTINATION or INSERT_SOURCE. Changing it replaces the function."),
            Attribute::string("description").optional().describe("What the function does."),
            Attribute::string("preview_webhook_url")
                .computed()
                .use_state_for_unknown()
                .describe("For source functions: the URL that previews it."),
            Attribute::string("catalog_id").computed().use_state_for_unknown().describe("The catalog entry created for the function."),
            Attribute::nested(
                "settings",
                Nesting::Set,
                vec![
                    Attribute::string("name").required(),
                    Attribute::string("label").required(),
                    Attribute::string("description").required(),
                    Attribute::string("type").required().one_of(&["STRING", "TEXT_MAP", "BOOLEAN", "ARRAY", "NUMBER"]),
                    Attribute::bool("required").required(),
                    Attribute::bool("sensitive").required().describe("Values of sensitive settings are masked by the API."),
                ],
            )
            .optional_computed()
            .describe(
                "The settings the function's instances take. Read as `[]` when there are none (as the official provider does); \
                 left out of the configuration, the settings are not managed.",
            ),
        ])
        .describe("A custom function: a source, destination or insert function."),
    )
}

/// The display name for state: without the workspace suffix the API adds, and the configured
/// name kept while the API's is that name with the suffix.
fn display_name(f: &Function, prior: &Value, workspace: &str) -> Value {
    let Some(d) = f.display_name.as_deref() else { return Value::Null };
    let plain = function_display_name(d, f.resource_type.as_deref().unwrap_or(""), workspace);
    match prior.get("display_name").as_str() {
        Some(p) if p == d || p == plain => Value::from(p),
        _ => Value::from(plain),
    }
}

/// The function as state. `workspace` is the workspace's name (see [`display_name`]).
pub fn from_api(f: &Function, prior: &Value, workspace: &str) -> Value {
    let settings = f
        .settings
        .iter()
        .flatten()
        .map(|s| {
            Value::object([
                ("name", Value::from(s.name.as_str())),
                ("label", Value::from(s.label.as_str())),
                ("description", Value::from(s.description.as_str())),
                ("type", Value::from(s.kind.as_str())),
                ("required", Value::Bool(s.required)),
                ("sensitive", Value::Bool(s.sensitive)),
            ])
        })
        .collect();
    Value::object([
        ("id", opt_str(f.id.as_deref())),
        ("code", opt_str(f.code.as_deref())),
        ("display_name", display_name(f, prior, workspace)),
        ("logo_url", opt_str(f.logo_url.as_deref())),
        ("resource_type", opt_str(f.resource_type.as_deref())),
        ("description", opt_str(f.description.as_deref())),
        ("preview_webhook_url", opt_str(f.preview_webhook_url.as_deref())),
        ("catalog_id", opt_str(f.catalog_id.as_deref())),
        // Empty is `[]`, never null (official `models/function.go` `Fill`).
        ("settings", Value::Set(settings)),
    ])
}

/// The declared settings, `None` when the attribute is null.
fn settings_of(v: &Value) -> Result<Option<Vec<FunctionSetting>>, Diagnostics> {
    let Some(items) = v.get("settings").as_elements() else { return Ok(None) };
    items
        .iter()
        .map(|s| {
            Ok(FunctionSetting {
                name: required(s, "name")?,
                label: required(s, "label")?,
                description: required(s, "description")?,
                kind: required(s, "type")?,
                required: bool_of(s, "required").unwrap_or(false),
                sensitive: bool_of(s, "sensitive").unwrap_or(false),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

#[async_trait]
impl Resource for FunctionResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let input = CreateFunctionInput {
            code: required(&planned, "code")?,
            settings: settings_of(&planned)?,
            display_name: str_of(&planned, "display_name").unwrap_or_default(),
            logo_url: str_of(&planned, "logo_url"),
            resource_type: required(&planned, "resource_type")?,
            description: str_of(&planned, "description"),
        };
        let c = self.0.client()?;
        let ws = workspace_name(c).await?;
        // The list of one resource type, with names as state keeps them (workspace suffix off).
        let (rt, w) = (input.resource_type.clone(), ws.clone());
        let lookup = Lookup {
            list: Box::new(move || {
                let (rt, w) = (rt.clone(), w.clone());
                Box::pin(async move {
                    Ok(c.list_functions(&rt)
                        .await?
                        .iter()
                        .filter_map(|f| {
                            let id = f.id.as_deref()?;
                            let name = function_display_name(f.display_name.as_deref().unwrap_or_default(), &rt, &w);
                            let state = Value::object([
                                ("display_name", Value::from(name)),
                                ("description", opt_str(f.description.as_deref())),
                                ("logo_url", opt_str(f.logo_url.as_deref())),
                                ("resource_type", Value::from(rt.as_str())),
                            ]);
                            Some(KIND.item([id, ""], name, state))
                        })
                        .collect())
                })
            }),
            is_it: Box::new(|i: &Item| same_fields(&planned, &i.state, &["display_name", "description", "logo_url", "resource_type"])),
            unique: false,
        };
        let f = match create_once(TYPE, "function", lookup, || c.create_function(&input)).await? {
            Created::New(f) => f,
            Created::Adopted(id) => c.get_function(&id).await.or_diag("read the function")?,
        };
        Ok(from_api(&f, &planned, &workspace_name(c).await?))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let id = required(&state, "id")?;
        let c = self.0.client()?;
        let Some(f) = found(c.get_function(&id).await, "read the function")? else { return Ok(None) };
        Ok(Some(from_api(&f, &state, &workspace_name(c).await?)))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let id = required(&prior, "id")?;
        let input = UpdateFunctionInput {
            code: str_of(&planned, "code"),
            settings: Some(settings_of(&planned)?.unwrap_or_default()),
            display_name: str_of(&planned, "display_name"),
            logo_url: str_of(&planned, "logo_url"),
            description: str_of(&planned, "description"),
        };
        let c = self.0.client()?;
        let f = c.update_function(&id, &input).await.or_diag("update the function")?;
        Ok(from_api(&f, &planned, &workspace_name(c).await?))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_function(&required(&prior, "id")?).await, "delete the function")
    }

    crate::import_by_id!("function");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::FUNCTION],
    referenced_as: &["function_id"],
    list_scope: None,
    resource: |api| std::sync::Arc::new(FunctionResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

/// The workspace's name, for [`display_name`].
async fn workspace_name(c: &Client) -> Result<String, Diagnostics> {
    Ok(c.this_workspace().await.or_diag("read the workspace")?.name.clone())
}

/// Every function: one listing per resource type (`resourceType` is required), then one read
/// per function, since list items carry no code or settings (`ListFunctionItemV1`).
async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    let ids = c.list_all_functions().await?.into_iter().filter_map(|f| f.id);
    crate::kind::each(ids, |id| async move { Ok(get_one(c, &id, "").await?.into_iter().collect()) }).await
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    let null = Value::Null;
    let ws = c.this_workspace().await?.name.clone();
    Ok(gone(c.get_function(a).await)?.map(|f| {
        let state = from_api(&f, &null, &ws);
        let name = state.get("display_name").as_str().unwrap_or(a).to_string();
        KIND.item([a, ""], &name, state)
    }))
}
