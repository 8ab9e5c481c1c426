//! `segment_user_group`. Members are read from every page of users and invitations.

use segsync_api::types::UserGroup;
use tfplugin::{async_trait, Attribute, Block, Ctx, Diagnostics, Failure, Resource, Schema, Type, Value};

use crate::api::{deleted, found, Api, OrDiag};
use crate::convert::{required, str_set, strings_of};
use crate::create::{create_once, same_fields, Created, Lookup};
use crate::kind::{gone, IdShape, Item, Kind};
use crate::permissions;
use segsync_api::audit::resource_type;
use segsync_api::{Client, Error};

pub const TYPE: &str = "segment_user_group";

pub struct UserGroupResource(pub Api);

pub fn schema() -> Schema {
    Schema::new(
        0,
        Block::new(vec![
            Attribute::string("id").computed().use_state_for_unknown().describe("The group's id."),
            Attribute::string("name").required().describe("The group's name."),
            Attribute::set("members", Type::String)
                .required()
                .max_items(200)
                .describe("Emails of the group's members (users or pending invitations)."),
            permissions::attribute(Some(1)),
        ])
        .describe("A group of workspace members sharing permissions."),
    )
}

pub fn from_api(g: &UserGroup, members: &[String]) -> Value {
    let mut m: Vec<String> = members.iter().map(|e| e.to_ascii_lowercase()).collect();
    m.sort();
    Value::object([
        ("id", Value::from(g.id.as_str())),
        ("name", Value::from(g.name.as_str())),
        ("members", str_set(&m)),
        ("permissions", permissions::value(g.permissions.as_deref().unwrap_or_default())),
    ])
}

impl UserGroupResource {
    async fn fetch(&self, id: &str) -> Result<Option<Value>, Diagnostics> {
        let c = self.0.client()?;
        let Some(g) = found(c.get_user_group(id).await, "read the user group")? else { return Ok(None) };
        let mut members: Vec<String> =
            c.list_user_group_users(id).await.or_diag("list the group's users")?.into_iter().map(|u| u.email).collect();
        members.extend(c.list_user_group_invites(id).await.or_diag("list the group's invitations")?);
        Ok(Some(from_api(&g, &members)))
    }
}

#[async_trait]
impl Resource for UserGroupResource {
    fn type_name(&self) -> &str {
        TYPE
    }

    fn schema(&self) -> Schema {
        schema()
    }

    async fn create(&self, _ctx: &Ctx, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let name = required(&planned, "name")?;
        let lookup = Lookup::in_kind(&KIND, c, vec![], false, |i| same_fields(&planned, &i.state, &["name"]));
        let g = match create_once(TYPE, "user group", lookup, || c.create_user_group(&name)).await? {
            Created::New(g) => g,
            Created::Adopted(id) => c.get_user_group(&id).await.or_diag("read the user group")?,
        };
        let rest = async {
            c.replace_user_group_members(&g.id, strings_of(planned.get("members"))).await.or_diag("set the group's members")?;
            c.replace_user_group_permissions(&g.id, permissions::inputs(&planned)).await.or_diag("set the group's permissions")?;
            Ok::<_, Diagnostics>(())
        };
        if let Err(d) = rest.await {
            return Err(crate::api::roll_back(d, c.delete_user_group(&g.id), "user group", from_api(&g, &[])).await);
        }
        Ok(self.fetch(&g.id).await?.unwrap_or(Value::Null))
    }

    async fn read(&self, _ctx: &Ctx, state: Value) -> Result<Option<Value>, Diagnostics> {
        self.fetch(&required(&state, "id")?).await
    }

    async fn update(&self, _ctx: &Ctx, prior: Value, planned: Value, _config: &Value) -> Result<Value, Failure> {
        let c = self.0.client()?;
        let id = required(&prior, "id")?;
        if prior.get("name") != planned.get("name") {
            c.update_user_group(&id, &required(&planned, "name")?).await.or_diag("rename the user group")?;
        }
        if !prior.get("members").semantically_equal(planned.get("members")) {
            c.replace_user_group_members(&id, strings_of(planned.get("members"))).await.or_diag("replace the group's members")?;
        }
        if !prior.get("permissions").semantically_equal(planned.get("permissions")) {
            c.replace_user_group_permissions(&id, permissions::inputs(&planned)).await.or_diag("replace the group's permissions")?;
        }
        Ok(self.fetch(&id).await?.unwrap_or(Value::Null))
    }

    async fn delete(&self, _ctx: &Ctx, prior: Value) -> Result<(), Diagnostics> {
        deleted(self.0.client()?.delete_user_group(&required(&prior, "id")?).await, "delete the user group")
    }

    crate::import_by_id!("user group");
}

// ---------------------------------------------------------------- the kind

pub static KIND: Kind = Kind {
    type_name: TYPE,
    id: IdShape::Id,
    audit_types: &[resource_type::USER_GROUP],
    referenced_as: &[],
    list_scope: None,
    resource: |api| std::sync::Arc::new(UserGroupResource(api)),
    list: |c, scopes| Box::pin(list_all(c, scopes)),
    get: Some(|c, a, b| Box::pin(get_one(c, a, b))),
};

async fn list_all(c: &Client, _scopes: &[String]) -> Result<Vec<Item>, Error> {
    crate::kind::each(c.list_user_groups().await?, |g| async move {
        Ok(vec![KIND.item([&g.id, ""], &g.name, from_api(&g, &members(c, &g.id).await?))])
    })
    .await
}

async fn get_one(c: &Client, a: &str, _b: &str) -> Result<Option<Item>, Error> {
    let Some(g) = gone(c.get_user_group(a).await)? else { return Ok(None) };
    Ok(Some(KIND.item([a, ""], &g.name, from_api(&g, &members(c, a).await?))))
}

/// A group's members as the API knows them: its users' emails, then pending invites.
async fn members(c: &Client, id: &str) -> Result<Vec<String>, Error> {
    let mut members: Vec<String> = c.list_user_group_users(id).await?.into_iter().map(|u| u.email).collect();
    members.extend(c.list_user_group_invites(id).await?);
    Ok(members)
}
