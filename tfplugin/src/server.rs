//! The `tfplugin6.Provider` gRPC service: decodes values, dispatches to the traits, applies the
//! protocol's rules (write-only nulls, wholly known apply results, identities), turns panics into
//! diagnostics and cancels in-flight calls on `StopProvider`.

// The generated service trait fixes the `Result<Response<T>, Status>` shape.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, RwLock};

use futures_util::{FutureExt, Stream};
use tokio::sync::watch;
use tonic::{Request, Response, Status};

use crate::codec;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan;
use crate::proto::tfplugin6 as pb;
use crate::proto::tfplugin6::provider_server::Provider as GrpcProvider;
use crate::provider::{Ctx, DataSource, ListResource, PlanChange, Private, Provider, Resource};
use crate::schema::{IdentitySchema, Schema};
use crate::value::{Type, Value};

struct ResourceEntry {
    imp: Arc<dyn Resource>,
    schema: Schema,
    ty: Type,
    identity: Option<(IdentitySchema, Type)>,
}

struct DataEntry {
    imp: Arc<dyn DataSource>,
    schema: Schema,
    ty: Type,
}

struct ListEntry {
    imp: Arc<dyn ListResource>,
    schema: Schema,
    ty: Type,
}

pub struct ProviderService {
    provider: Arc<dyn Provider>,
    provider_schema: Schema,
    resources: HashMap<String, ResourceEntry>,
    data_sources: HashMap<String, DataEntry>,
    lists: HashMap<String, ListEntry>,
    ctx: RwLock<Ctx>,
    stop: watch::Sender<u64>,
}

fn dv(v: &Value, ty: &Type) -> Result<pb::DynamicValue, Diagnostics> {
    codec::to_msgpack(v, ty).map(|msgpack| pb::DynamicValue { msgpack, json: Vec::new() }).map_err(|e| {
        Diagnostic::error(
            "Provider Produced an Invalid Value",
            format!("The provider built a value that does not fit its schema: {e}. This is a bug in the provider."),
        )
        .into()
    })
}

fn from_dv(v: Option<&pb::DynamicValue>, ty: &Type) -> Result<Value, Diagnostics> {
    let Some(v) = v else { return Ok(Value::Null) };
    let r = if !v.msgpack.is_empty() {
        codec::from_msgpack(&v.msgpack, ty)
    } else if !v.json.is_empty() {
        codec::from_json_bytes(&v.json, ty)
    } else {
        return Ok(Value::Null);
    };
    r.map_err(|e| Diagnostic::error("Invalid Value From Terraform", format!("A value sent by Terraform could not be decoded: {e}.")).into())
}

fn unknown_type(kind: &str, name: &str) -> Diagnostics {
    Diagnostic::error(format!("Unknown {kind} Type"), format!("This provider has no {kind} type {name:?}.")).into()
}

/// Diagnostics for a value that must be wholly known but is not.
fn require_known(v: &Value, what: &str) -> Diagnostics {
    let mut d = Diagnostics::new();
    if !v.is_wholly_known() {
        d.error(
            "Provider Returned Unknown Values",
            format!("The provider's {what} still holds unknown values. This is a bug in the provider."),
        );
    }
    d
}

/// Private state bytes marking a state that comes straight from an import.
const IMPORT_MARK: &[u8] = b"tfplugin:imported";

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

impl ProviderService {
    pub fn new(provider: Arc<dyn Provider>) -> Self {
        let resources = provider
            .resources()
            .into_iter()
            .map(|r| {
                let schema = r.schema();
                let identity = r.identity_schema().map(|i| {
                    let t = i.ty();
                    (i, t)
                });
                (r.type_name().to_string(), ResourceEntry { ty: schema.ty(), schema, identity, imp: r })
            })
            .collect();
        let data_sources = provider
            .data_sources()
            .into_iter()
            .map(|d| {
                let schema = d.schema();
                (d.type_name().to_string(), DataEntry { ty: schema.ty(), schema, imp: d })
            })
            .collect();
        let lists = provider
            .list_resources()
            .into_iter()
            .map(|l| {
                let schema = l.schema();
                (l.type_name().to_string(), ListEntry { ty: schema.ty(), schema, imp: l })
            })
            .collect();
        let (stop, _) = watch::channel(0u64);
        ProviderService {
            provider_schema: provider.schema(),
            provider,
            resources,
            data_sources,
            lists,
            ctx: RwLock::new(Ctx::default()),
            stop,
        }
    }

    fn ctx(&self) -> Ctx {
        self.ctx.read().map(|c| c.clone()).unwrap_or_default()
    }

    /// Runs a handler: a panic becomes an error diagnostic, `StopProvider` cancels it.
    async fn run<T>(&self, f: impl std::future::Future<Output = Result<T, Diagnostics>>) -> Result<T, Diagnostics> {
        let mut stopped = self.stop.subscribe();
        stopped.borrow_and_update();
        tokio::select! {
            r = AssertUnwindSafe(f).catch_unwind() => match r {
                Ok(x) => x,
                Err(_) => Err(Diagnostic::error(
                    "Provider Internal Error",
                    "The provider hit an internal error while handling this request and stopped handling it. \
                     Nothing more was changed by this request. Please report this to the provider's developers; \
                     running with TF_LOG=debug shows the provider's log.",
                ).into()),
            },
            _ = stopped.changed() => Err(Diagnostic::error("Operation Cancelled", "Terraform asked the provider to stop (for example after Ctrl-C), so this operation was interrupted.").into()),
        }
    }

    fn resource(&self, name: &str) -> Result<&ResourceEntry, Diagnostics> {
        self.resources.get(name).ok_or_else(|| unknown_type("Resource", name))
    }

    fn identity_dv(&self, e: &ResourceEntry, state: &Value) -> Option<pb::ResourceIdentityData> {
        let (_, ty) = e.identity.as_ref()?;
        if state.is_null() || !state.is_wholly_known() {
            return None;
        }
        let id = e.imp.identity_of(state)?;
        dv(&id, ty).ok().map(|d| pb::ResourceIdentityData { identity_data: Some(d) })
    }

    async fn plan(&self, r: pb::plan_resource_change::Request) -> Result<pb::plan_resource_change::Response, Diagnostics> {
        let e = self.resource(&r.type_name)?;
        let prior = from_dv(r.prior_state.as_ref(), &e.ty)?;
        let proposed = from_dv(r.proposed_new_state.as_ref(), &e.ty)?;
        let config = from_dv(r.config.as_ref(), &e.ty)?;
        if proposed.is_null() {
            return Ok(pb::plan_resource_change::Response {
                planned_state: Some(dv(&Value::Null, &e.ty)?),
                planned_private: r.prior_private,
                ..Default::default()
            });
        }
        let p = plan::plan(&e.schema.block, &prior, &proposed, &config);
        let mut change = PlanChange { prior: &prior, config: &config, planned: p.state, requires_replace: p.requires_replace };
        let diags = e.imp.modify_plan(&mut change);
        if diags.has_errors() {
            return Err(diags);
        }
        plan::null_write_only(&e.schema.block.attributes, &mut change.planned);
        let planned_identity =
            self.identity_dv(e, &change.planned)
                .or_else(|| if change.requires_replace.is_empty() { r.prior_identity.clone() } else { None });
        Ok(pb::plan_resource_change::Response {
            planned_state: Some(dv(&change.planned, &e.ty)?),
            requires_replace: change.requires_replace.iter().map(|p| p.to_proto()).collect(),
            planned_private: r.prior_private,
            diagnostics: diags.to_proto(),
            legacy_type_system: false,
            deferred: None,
            planned_identity,
        })
    }

    async fn apply(&self, r: pb::apply_resource_change::Request) -> pb::apply_resource_change::Response {
        let e = match self.resource(&r.type_name) {
            Ok(e) => e,
            Err(d) => return pb::apply_resource_change::Response { diagnostics: d.to_proto(), ..Default::default() },
        };
        let fail = |d: Diagnostics, state: Option<Value>| {
            let new_state = state.and_then(|s| dv(&s, &e.ty).ok()).or_else(|| r.prior_state.clone());
            pb::apply_resource_change::Response { new_state, diagnostics: d.to_proto(), ..Default::default() }
        };
        let decoded = (|| {
            Ok::<_, Diagnostics>((
                from_dv(r.prior_state.as_ref(), &e.ty)?,
                from_dv(r.planned_state.as_ref(), &e.ty)?,
                from_dv(r.config.as_ref(), &e.ty)?,
            ))
        })();
        let (prior, planned, config) = match decoded {
            Ok(x) => x,
            Err(d) => return fail(d, None),
        };
        let mut ctx = self.ctx();
        ctx.private = Private::from_bytes(&r.planned_private);
        if planned.is_null() {
            return match self.run(e.imp.delete(&ctx, prior)).await {
                Ok(()) => pb::apply_resource_change::Response { new_state: dv(&Value::Null, &e.ty).ok(), ..Default::default() },
                Err(d) => fail(d, None),
            };
        }
        let creating = prior.is_null();
        let result = self
            .run(async {
                let out = if creating {
                    e.imp.create(&ctx, planned, &config).await
                } else {
                    e.imp.update(&ctx, prior.clone(), planned, &config).await
                };
                Ok(out)
            })
            .await;
        let mut state = match result {
            Ok(Ok(s)) => s,
            Ok(Err(failure)) => {
                // A partial object is recorded so Terraform tracks it; else the prior state stays.
                let partial = failure.partial.map(|mut p| {
                    plan::null_write_only(&e.schema.block.attributes, &mut p);
                    p
                });
                let partial = partial.filter(Value::is_wholly_known);
                return if creating {
                    fail(failure.diagnostics, partial.or(Some(Value::Null)))
                } else {
                    fail(failure.diagnostics, partial)
                };
            }
            Err(d) => return fail(d, if creating { Some(Value::Null) } else { None }),
        };
        plan::null_write_only(&e.schema.block.attributes, &mut state);
        let d = require_known(&state, "new state");
        if d.has_errors() {
            return fail(d, None);
        }
        let new_identity = self.identity_dv(e, &state);
        match dv(&state, &e.ty) {
            Ok(ns) => pb::apply_resource_change::Response {
                new_state: Some(ns),
                private: ctx.private.to_bytes(),
                new_identity,
                ..Default::default()
            },
            Err(d) => fail(d, None),
        }
    }
}

fn respond<T>(t: T) -> Result<Response<T>, Status> {
    Ok(Response::new(t))
}

#[tonic::async_trait]
impl GrpcProvider for ProviderService {
    async fn get_metadata(&self, _: Request<pb::get_metadata::Request>) -> Result<Response<pb::get_metadata::Response>, Status> {
        use pb::get_metadata as m;
        respond(m::Response {
            server_capabilities: Some(capabilities()),
            diagnostics: vec![],
            data_sources: self.data_sources.keys().map(|k| m::DataSourceMetadata { type_name: k.clone() }).collect(),
            resources: self.resources.keys().map(|k| m::ResourceMetadata { type_name: k.clone() }).collect(),
            functions: vec![],
            ephemeral_resources: vec![],
            list_resources: self.lists.keys().map(|k| m::ListResourceMetadata { type_name: k.clone() }).collect(),
            state_stores: vec![],
            actions: vec![],
        })
    }

    async fn get_provider_schema(
        &self,
        _: Request<pb::get_provider_schema::Request>,
    ) -> Result<Response<pb::get_provider_schema::Response>, Status> {
        respond(pb::get_provider_schema::Response {
            provider: Some(self.provider_schema.to_proto()),
            resource_schemas: self.resources.iter().map(|(k, e)| (k.clone(), e.schema.to_proto())).collect(),
            data_source_schemas: self.data_sources.iter().map(|(k, e)| (k.clone(), e.schema.to_proto())).collect(),
            list_resource_schemas: self.lists.iter().map(|(k, e)| (k.clone(), e.schema.to_proto())).collect(),
            server_capabilities: Some(capabilities()),
            ..Default::default()
        })
    }

    async fn validate_provider_config(
        &self,
        r: Request<pb::validate_provider_config::Request>,
    ) -> Result<Response<pb::validate_provider_config::Response>, Status> {
        let r = r.into_inner();
        let ty = self.provider_schema.ty();
        let d = self
            .run(async {
                let config = from_dv(r.config.as_ref(), &ty)?;
                let mut d = self.provider_schema.validate(&config);
                d.extend(self.provider.validate(&config));
                Ok(d)
            })
            .await
            .unwrap_or_else(|d| d);
        respond(pb::validate_provider_config::Response { diagnostics: d.to_proto() })
    }

    async fn validate_resource_config(
        &self,
        r: Request<pb::validate_resource_config::Request>,
    ) -> Result<Response<pb::validate_resource_config::Response>, Status> {
        let r = r.into_inner();
        let d = self
            .run(async {
                let e = self.resource(&r.type_name)?;
                let config = from_dv(r.config.as_ref(), &e.ty)?;
                let mut d = e.schema.validate(&config);
                // Terraform 1.11+ says it takes write-only attributes; older releases say nothing.
                if !r.client_capabilities.as_ref().is_some_and(|c| c.write_only_attributes_allowed) {
                    d.extend(crate::schema::write_only_refused(&e.schema.block.attributes, &config, &crate::diagnostics::AttrPath::root()));
                }
                d.extend(e.imp.validate(&config));
                Ok(d)
            })
            .await
            .unwrap_or_else(|d| d);
        respond(pb::validate_resource_config::Response { diagnostics: d.to_proto() })
    }

    async fn validate_data_resource_config(
        &self,
        r: Request<pb::validate_data_resource_config::Request>,
    ) -> Result<Response<pb::validate_data_resource_config::Response>, Status> {
        let r = r.into_inner();
        let d = self
            .run(async {
                let e = self.data_sources.get(&r.type_name).ok_or_else(|| unknown_type("Data Source", &r.type_name))?;
                let config = from_dv(r.config.as_ref(), &e.ty)?;
                let mut d = e.schema.validate(&config);
                d.extend(e.imp.validate(&config));
                Ok(d)
            })
            .await
            .unwrap_or_else(|d| d);
        respond(pb::validate_data_resource_config::Response { diagnostics: d.to_proto() })
    }

    async fn upgrade_resource_state(
        &self,
        r: Request<pb::upgrade_resource_state::Request>,
    ) -> Result<Response<pb::upgrade_resource_state::Response>, Status> {
        let r = r.into_inner();
        let out = self
            .run(async {
                let e = self.resource(&r.type_name)?;
                let raw = r.raw_state.unwrap_or_default();
                if raw.json.is_empty() {
                    if raw.flatmap.is_empty() {
                        return dv(&Value::Null, &e.ty);
                    }
                    return Err(Diagnostic::error("Unsupported State Format", "This provider cannot read flatmap state from Terraform 0.11 and older.").into());
                }
                let json: serde_json::Value = serde_json::from_slice(&raw.json)
                    .map_err(|err| Diagnostics::from(Diagnostic::error("Invalid Stored State", format!("The stored state is not JSON: {err}."))))?;
                if r.version > e.schema.version {
                    return Err(Diagnostic::error(
                        "State Written by a Newer Provider",
                        format!("The state of this {} was written with schema version {}, but this provider only knows versions up to {}. Upgrade the provider.", r.type_name, r.version, e.schema.version),
                    )
                    .into());
                }
                let json = if r.version < e.schema.version { e.imp.upgrade_state(r.version, json)? } else { json };
                let v = codec::from_json(&json, &e.ty).map_err(|err| Diagnostics::from(Diagnostic::error("Invalid Stored State", format!("The stored state does not fit the schema: {err}."))))?;
                dv(&v, &e.ty)
            })
            .await;
        respond(match out {
            Ok(s) => pb::upgrade_resource_state::Response { upgraded_state: Some(s), diagnostics: vec![] },
            Err(d) => pb::upgrade_resource_state::Response { upgraded_state: None, diagnostics: d.to_proto() },
        })
    }

    async fn get_resource_identity_schemas(
        &self,
        _: Request<pb::get_resource_identity_schemas::Request>,
    ) -> Result<Response<pb::get_resource_identity_schemas::Response>, Status> {
        respond(pb::get_resource_identity_schemas::Response {
            identity_schemas: self
                .resources
                .iter()
                .filter_map(|(k, e)| e.identity.as_ref().map(|(i, _)| (k.clone(), i.to_proto())))
                .collect(),
            diagnostics: vec![],
        })
    }

    async fn upgrade_resource_identity(
        &self,
        r: Request<pb::upgrade_resource_identity::Request>,
    ) -> Result<Response<pb::upgrade_resource_identity::Response>, Status> {
        let r = r.into_inner();
        let out = (|| {
            let e = self.resource(&r.type_name)?;
            let (_, ty) = e
                .identity
                .as_ref()
                .ok_or_else(|| Diagnostics::from(Diagnostic::error("No Identity", format!("{} has no identity.", r.type_name))))?;
            let raw = r.raw_identity.unwrap_or_default();
            let v = codec::from_json_bytes(&raw.json, ty)
                .map_err(|err| Diagnostics::from(Diagnostic::error("Invalid Stored Identity", err.to_string())))?;
            dv(&v, ty)
        })();
        respond(match out {
            Ok(d) => pb::upgrade_resource_identity::Response {
                upgraded_identity: Some(pb::ResourceIdentityData { identity_data: Some(d) }),
                diagnostics: vec![],
            },
            Err(d) => pb::upgrade_resource_identity::Response { upgraded_identity: None, diagnostics: d.to_proto() },
        })
    }

    async fn configure_provider(
        &self,
        r: Request<pb::configure_provider::Request>,
    ) -> Result<Response<pb::configure_provider::Response>, Status> {
        let r = r.into_inner();
        tracing::info!(terraform_version = %r.terraform_version, "provider configured");
        if let Ok(mut c) = self.ctx.write() {
            c.terraform_version = r.terraform_version.clone();
        }
        let ty = self.provider_schema.ty();
        let ctx = self.ctx();
        let d = self
            .run(async {
                let config = from_dv(r.config.as_ref(), &ty)?;
                Ok(self.provider.configure(&ctx, &config).await)
            })
            .await
            .unwrap_or_else(|d| d);
        respond(pb::configure_provider::Response { diagnostics: d.to_proto() })
    }

    async fn read_resource(&self, r: Request<pb::read_resource::Request>) -> Result<Response<pb::read_resource::Response>, Status> {
        let r = r.into_inner();
        let mut ctx = self.ctx();
        let importing = r.private == IMPORT_MARK;
        ctx.importing = importing;
        let private = if importing { Vec::new() } else { r.private.clone() };
        ctx.private = Private::from_bytes(&private);
        let out = self
            .run(async {
                let e = self.resource(&r.type_name)?;
                let state = from_dv(r.current_state.as_ref(), &e.ty)?;
                if state.is_null() {
                    return Ok((dv(&Value::Null, &e.ty)?, None));
                }
                let new = e.imp.read(&ctx, state).await?;
                let mut new = new.unwrap_or(Value::Null);
                plan::null_write_only(&e.schema.block.attributes, &mut new);
                let d = require_known(&new, "refreshed state");
                if d.has_errors() {
                    return Err(d);
                }
                Ok((dv(&new, &e.ty)?, self.identity_dv(e, &new)))
            })
            .await;
        respond(match out {
            Ok((s, identity)) => pb::read_resource::Response {
                new_state: Some(s),
                private: ctx.private.to_bytes(),
                new_identity: identity.or(r.current_identity),
                ..Default::default()
            },
            Err(d) => pb::read_resource::Response {
                new_state: r.current_state,
                diagnostics: d.to_proto(),
                private: private.clone(),
                ..Default::default()
            },
        })
    }

    async fn plan_resource_change(
        &self,
        r: Request<pb::plan_resource_change::Request>,
    ) -> Result<Response<pb::plan_resource_change::Response>, Status> {
        let r = r.into_inner();
        let out = self.run(self.plan(r)).await;
        respond(out.unwrap_or_else(|d| pb::plan_resource_change::Response { diagnostics: d.to_proto(), ..Default::default() }))
    }

    async fn apply_resource_change(
        &self,
        r: Request<pb::apply_resource_change::Request>,
    ) -> Result<Response<pb::apply_resource_change::Response>, Status> {
        respond(self.apply(r.into_inner()).await)
    }

    async fn import_resource_state(
        &self,
        r: Request<pb::import_resource_state::Request>,
    ) -> Result<Response<pb::import_resource_state::Response>, Status> {
        let r = r.into_inner();
        let out = self
            .run(async {
                let e = self.resource(&r.type_name)?;
                let mut id = r.id.clone();
                if id.is_empty() {
                    let Some((_, ity)) = &e.identity else {
                        return Err(Diagnostic::error(
                            "Import Needs an ID",
                            format!("{} is imported by id, and none was given.", r.type_name),
                        )
                        .into());
                    };
                    let identity = from_dv(r.identity.as_ref().and_then(|i| i.identity_data.as_ref()), ity)?;
                    id = e.imp.import_id_from_identity(&identity).ok_or_else(|| {
                        Diagnostics::from(Diagnostic::error(
                            "Incomplete Identity",
                            format!("The identity given for {} does not name an object.", r.type_name),
                        ))
                    })?;
                }
                let state = e.imp.import(&id)?;
                Ok(pb::import_resource_state::ImportedResource {
                    type_name: r.type_name.clone(),
                    identity: self.identity_dv(e, &state).or(r.identity.clone()),
                    state: Some(dv(&state, &e.ty)?),
                    private: IMPORT_MARK.to_vec(),
                })
            })
            .await;
        respond(match out {
            Ok(imported) => pb::import_resource_state::Response { imported_resources: vec![imported], diagnostics: vec![], deferred: None },
            Err(d) => pb::import_resource_state::Response { imported_resources: vec![], diagnostics: d.to_proto(), deferred: None },
        })
    }

    async fn move_resource_state(
        &self,
        _: Request<pb::move_resource_state::Request>,
    ) -> Result<Response<pb::move_resource_state::Response>, Status> {
        Err(Status::unimplemented("moving state between resource types is not supported"))
    }

    async fn read_data_source(
        &self,
        r: Request<pb::read_data_source::Request>,
    ) -> Result<Response<pb::read_data_source::Response>, Status> {
        let r = r.into_inner();
        let ctx = self.ctx();
        let out = self
            .run(async {
                let e = self.data_sources.get(&r.type_name).ok_or_else(|| unknown_type("Data Source", &r.type_name))?;
                let config = from_dv(r.config.as_ref(), &e.ty)?;
                let state = e.imp.read(&ctx, &config).await?;
                let d = require_known(&state, "data source result");
                if d.has_errors() {
                    return Err(d);
                }
                dv(&state, &e.ty)
            })
            .await;
        respond(match out {
            Ok(s) => pb::read_data_source::Response { state: Some(s), ..Default::default() },
            Err(d) => pb::read_data_source::Response { diagnostics: d.to_proto(), ..Default::default() },
        })
    }

    async fn generate_resource_config(
        &self,
        r: Request<pb::generate_resource_config::Request>,
    ) -> Result<Response<pb::generate_resource_config::Response>, Status> {
        let r = r.into_inner();
        let out = self
            .run(async {
                let e = self.resource(&r.type_name)?;
                let state = from_dv(r.state.as_ref(), &e.ty)?;
                dv(&e.imp.generate_config(&state), &e.ty)
            })
            .await;
        respond(match out {
            Ok(c) => pb::generate_resource_config::Response { config: Some(c), diagnostics: vec![] },
            Err(d) => pb::generate_resource_config::Response { config: None, diagnostics: d.to_proto() },
        })
    }

    async fn validate_ephemeral_resource_config(
        &self,
        _: Request<pb::validate_ephemeral_resource_config::Request>,
    ) -> Result<Response<pb::validate_ephemeral_resource_config::Response>, Status> {
        Err(Status::unimplemented("no ephemeral resources"))
    }
    async fn open_ephemeral_resource(
        &self,
        _: Request<pb::open_ephemeral_resource::Request>,
    ) -> Result<Response<pb::open_ephemeral_resource::Response>, Status> {
        Err(Status::unimplemented("no ephemeral resources"))
    }
    async fn renew_ephemeral_resource(
        &self,
        _: Request<pb::renew_ephemeral_resource::Request>,
    ) -> Result<Response<pb::renew_ephemeral_resource::Response>, Status> {
        Err(Status::unimplemented("no ephemeral resources"))
    }
    async fn close_ephemeral_resource(
        &self,
        _: Request<pb::close_ephemeral_resource::Request>,
    ) -> Result<Response<pb::close_ephemeral_resource::Response>, Status> {
        Err(Status::unimplemented("no ephemeral resources"))
    }

    type ListResourceStream = BoxStream<pb::list_resource::Event>;

    async fn list_resource(&self, r: Request<pb::list_resource::Request>) -> Result<Response<Self::ListResourceStream>, Status> {
        let r = r.into_inner();
        let ctx = self.ctx();
        let events: Vec<pb::list_resource::Event> = match self
            .run(async {
                let l = self.lists.get(&r.type_name).ok_or_else(|| unknown_type("List Resource", &r.type_name))?;
                let e = self.resource(&r.type_name)?;
                let (_, ity) = e.identity.as_ref().ok_or_else(|| unknown_type("Resource Identity", &r.type_name))?;
                let config = from_dv(r.config.as_ref(), &l.ty)?;
                let items = l.imp.list(&ctx, &config, r.include_resource_object, r.limit).await?;
                items
                    .into_iter()
                    .map(|it| {
                        Ok(pb::list_resource::Event {
                            identity: Some(pb::ResourceIdentityData { identity_data: Some(dv(&it.identity, ity)?) }),
                            display_name: it.display_name,
                            resource_object: match (&it.object, r.include_resource_object) {
                                (Some(o), true) => Some(dv(o, &e.ty)?),
                                _ => None,
                            },
                            diagnostic: vec![],
                        })
                    })
                    .collect::<Result<Vec<_>, Diagnostics>>()
            })
            .await
        {
            Ok(ev) => ev,
            Err(d) => vec![pb::list_resource::Event { diagnostic: d.to_proto(), ..Default::default() }],
        };
        let stream = futures_util::stream::iter(events.into_iter().map(Ok));
        Ok(Response::new(Box::pin(stream)))
    }

    async fn validate_list_resource_config(
        &self,
        r: Request<pb::validate_list_resource_config::Request>,
    ) -> Result<Response<pb::validate_list_resource_config::Response>, Status> {
        let r = r.into_inner();
        let d = self
            .run(async {
                let l = self.lists.get(&r.type_name).ok_or_else(|| unknown_type("List Resource", &r.type_name))?;
                let config = from_dv(r.config.as_ref(), &l.ty)?;
                let mut d = l.schema.validate(&config);
                d.extend(l.imp.validate(&config));
                Ok(d)
            })
            .await
            .unwrap_or_else(|d| d);
        respond(pb::validate_list_resource_config::Response { diagnostics: d.to_proto() })
    }

    async fn get_functions(&self, _: Request<pb::get_functions::Request>) -> Result<Response<pb::get_functions::Response>, Status> {
        respond(pb::get_functions::Response::default())
    }
    async fn call_function(&self, _: Request<pb::call_function::Request>) -> Result<Response<pb::call_function::Response>, Status> {
        Err(Status::unimplemented("no provider functions"))
    }
    async fn validate_state_store_config(
        &self,
        _: Request<pb::validate_state_store::Request>,
    ) -> Result<Response<pb::validate_state_store::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn configure_state_store(
        &self,
        _: Request<pb::configure_state_store::Request>,
    ) -> Result<Response<pb::configure_state_store::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }

    type ReadStateBytesStream = BoxStream<pb::read_state_bytes::Response>;

    async fn read_state_bytes(&self, _: Request<pb::read_state_bytes::Request>) -> Result<Response<Self::ReadStateBytesStream>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn write_state_bytes(
        &self,
        _: Request<tonic::Streaming<pb::write_state_bytes::RequestChunk>>,
    ) -> Result<Response<pb::write_state_bytes::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn lock_state(&self, _: Request<pb::lock_state::Request>) -> Result<Response<pb::lock_state::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn unlock_state(&self, _: Request<pb::unlock_state::Request>) -> Result<Response<pb::unlock_state::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn get_states(&self, _: Request<pb::get_states::Request>) -> Result<Response<pb::get_states::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn delete_state(&self, _: Request<pb::delete_state::Request>) -> Result<Response<pb::delete_state::Response>, Status> {
        Err(Status::unimplemented("no state stores"))
    }
    async fn plan_action(&self, _: Request<pb::plan_action::Request>) -> Result<Response<pb::plan_action::Response>, Status> {
        Err(Status::unimplemented("no actions"))
    }

    type InvokeActionStream = BoxStream<pb::invoke_action::Event>;

    async fn invoke_action(&self, _: Request<pb::invoke_action::Request>) -> Result<Response<Self::InvokeActionStream>, Status> {
        Err(Status::unimplemented("no actions"))
    }
    async fn validate_action_config(
        &self,
        _: Request<pb::validate_action_config::Request>,
    ) -> Result<Response<pb::validate_action_config::Response>, Status> {
        Err(Status::unimplemented("no actions"))
    }

    async fn stop_provider(&self, _: Request<pb::stop_provider::Request>) -> Result<Response<pb::stop_provider::Response>, Status> {
        tracing::info!("StopProvider: cancelling in-flight operations");
        self.stop.send_modify(|g| *g += 1);
        respond(pb::stop_provider::Response { error: String::new() })
    }
}

fn capabilities() -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        plan_destroy: false,
        get_provider_schema_optional: false,
        move_resource_state: false,
        generate_resource_config: true,
    }
}
