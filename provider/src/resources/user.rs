//! `segment_user`: an invitation until accepted, then a workspace user. Reads every page of
//! users (v1.6.0 read only the first).

use segsync_api::types::{AllowedLabel, Invite, InvitePermission, ResourceRef, User};
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{required, str_of};
use crate::create::{create_once, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::permissions;
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_user";

pub struct UserResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().describe("The user's id; the email while the invitation is pending."),
            Attribute::string("name").computed().describe("The user's name."),
            Attribute::string("email").required().requires_replace().describe("The user's email; an invitation is sent to it."),
            Attribute::bool("is_invite").computed().describe("True while the invitation has not been accepted."),
            permissions::attribute(None),
        ])
        .describe("A workspace member, invited by email."),
    )
}

pub fn from_user(u: &User) -> Value {
    Value::object([
        ("id", Value::from(u.id.as_str())),
        ("name", Value::from(u.name.as_str())),
        ("email", Value::from(u.email.as_str())),
        ("is_invite", Value::Bool(false)),
        ("permissions", permissions::value(u.permissions.as_deref().unwrap_or_default())),
    ])
}

/// A pending invite: no user id and no name yet; the email stands for both, as the official
/// provider does (`user_resource.go` ~516–547).
fn invite_value(email: &str, prior: &Value) -> Value {
    Value::object([
        ("id", Value::from(email)),
        ("name", Value::from(email)),
        ("email", Value::from(email)),
        ("is_invite", Value::Bool(true)),
        ("permissions", prior.get("permissions").clone()),
    ])
}

fn invite(v: &Value) -> Result<Invite, Diagnostics> {
    Ok(Invite {
        email: required(v, "email")?,
        permissions: Some(
            permissions::inputs(v)
                .into_iter()
                .map(|p| {
                    // An invite names resources without labels (`ResourceV1`); their labels go on
                    // the permission (`InvitePermissionV1.labels`).
                    let mut labels: Vec<AllowedLabel> = Vec::new();
                    for l in p.resources.iter().flat_map(|r| r.labels.iter().flatten()) {
                        if !labels.contains(l) {
                            labels.push(l.clone());
                        }
                    }
                    InvitePermission {
                        role_id: p.role_id,
                        resources: Some(p.resources.into_iter().map(|r| ResourceRef { id: r.id, kind: r.kind }).collect::<Vec<_>>())
                            .filter(|r| !r.is_empty()),
                        labels: Some(labels).filter(|l| !l.is_empty()),
                    }
                })
                .collect(),
        ),
    })
}

impl UserResource {
    /// The user with this email, or the pending invitation, or nothing.
    async fn lookup(&self, email: &str, prior: &Value) -> Result<Option<Value>, Diagnostics> {
        let c = self.0.client()?;
        let users = c.list_users().await.or_diag("list users")?;
        if let Some(u) = users.iter().find(|u| u.email.eq_ignore_ascii_case(email)) {
            return Ok(Some(from_user(u)));
        }
        let invites = c.list_invites().await.or_diag("list invitations")?;
        Ok(invites.iter().any(|i| i.eq_ignore_ascii_case(email)).then(|| invite_value(email, prior)))
    }
}

#[async_trait]
impl Resource for UserResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let email = required(&planned, "email")?;
        let inv = invite(&planned)?;
        let e = email.clone();
        // An email is unique in a workspace: a lost answer's invite is found by it.
        let lookup = Lookup {
            list: Box::new(move || {
                Box::pin(async move {
                    Ok(c.list_invites()
                        .await?
                        .iter()
                        .map(|m| KIND.item([m, ""], m, Value::object([("email", Value::from(m.as_str()))])))
                        .collect())
                })
            }),
            is_it: Box::new(move |i| i.state.get("email").as_str() == Some(e.as_str())),
            unique: true,
        };
        create_once(TYPE, "user invitation", lookup, || c.create_invites(vec![inv.clone()])).await?;
        Ok(self.lookup(&email, &planned).await?.unwrap_or_else(|| invite_value(&email, &planned)))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        let c = self.0.client()?;
        let id = required(&state, "id")?;
        if let Some(email) = str_of(&state, "email") {
            return self.lookup(&email, &state).await;
        }
        // Imported by user id: only the id is known.
        Ok(found(c.get_user(&id).await, "read the user")?.map(|u| from_user(&u)))
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let email = required(&planned, "email")?;
        if prior.get("is_invite").as_bool() == Some(true) {
            c.create_invites(vec![invite(&planned)?]).await.or_diag("update the invitation")?;
        } else {
            let id = required(&prior, "id")?;
            c.replace_user_permissions(&id, permissions::inputs(&planned)).await.or_diag("replace the user's permissions")?;
        }
        Ok(self.lookup(&email, &planned).await?.unwrap_or(planned))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        let c = self.0.client()?;
        if prior.get("is_invite").as_bool() == Some(true) {
            let email = required(&prior, "email")?;
            deleted(c.delete_invites(&[&email]).await, "delete the invitation")
        } else {
            let id = required(&prior, "id")?;
            deleted(c.delete_users(&[&id]).await, "delete the user")
        }
    }

    crate::import_by_id!("user");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::USER],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(UserResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    Ok(c.list_users().await?.iter().map(|u| KIND.item([&u.id, ""], &u.email, from_user(u))).collect())
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    Ok(gone(c.get_user(a).await)?.map(|u| KIND.item([a, ""], &u.email, from_user(&u))))
}
