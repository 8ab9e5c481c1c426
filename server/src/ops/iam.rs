//! Labels, roles, users, invites and user groups.
//! Operations and records; the HTTP handlers are in `routes`.

use segsync_api::types::*;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::ids;
use crate::records::{label_id, SourceRec};
use crate::store::{kind, Tx};
use crate::store::{Keys, Record};
use crate::validate;

pub const LABEL: &str = segsync_api::audit::resource_type::LABEL;
pub const USER: &str = segsync_api::audit::resource_type::USER;
pub const INVITE: &str = segsync_api::audit::resource_type::INVITE;
pub const GROUP: &str = segsync_api::audit::resource_type::USER_GROUP;

pub(crate) fn check_label_part(field: &str, v: &str) -> AppResult<()> {
    validate::not_blank(field, v)?;
    validate::max_len(field, v, 100)?;
    if v.contains(':') {
        return Err(AppError::invalid(field, format!("'{field}' may not contain ':', got '{v}'")));
    }
    Ok(())
}

pub async fn create_label_in(tx: &mut Tx, label: Label) -> AppResult<Label> {
    check_label_part("label.key", &label.key)?;
    check_label_part("label.value", &label.value)?;
    let id = label_id(&label.key, &label.value);
    if tx.exists(kind::LABEL, &id).await? {
        return Err(AppError::conflict(format!("label '{id}' already exists")).with_field("label"));
    }
    tx.insert(&label).await?;
    tx.audit("Label Created", super::events::rt::LABELS, &id, &id).await?;
    Ok(label)
}

/// Deletes a label and takes it off every source that carries it.
pub async fn delete_label_in(tx: &mut Tx, key: &str, value: &str) -> AppResult<()> {
    let id = label_id(key, value);
    if !tx.delete(kind::LABEL, &id).await? {
        return Err(AppError::not_found(LABEL, &id));
    }
    for sid in tx.ids_with_label(kind::SOURCE, key, value).await? {
        let mut src: SourceRec = tx.must(kind::SOURCE, &sid, "Source").await?;
        src.labels.retain(|l| !(l.key == key && l.value == value));
        tx.put(&src).await?;
        tx.audit("Source Modified", super::events::rt::SOURCES, &sid, &src.slug).await?;
    }
    tx.audit("Label Deleted", super::events::rt::LABELS, &id, &id).await?;
    Ok(())
}

/// Checks permission inputs and fills in role names.
pub(crate) fn permissions(cat: &Catalog, input: Vec<PermissionInput>) -> AppResult<Vec<Permission>> {
    validate::at_most("permissions", &input, validate::MAX_LIST)?;
    input
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let role = cat.role(&p.role_id).ok_or_else(|| {
                AppError::invalid(format!("permissions[{i}].roleId"), format!("'roleId' is not a role of this workspace: '{}'", p.role_id))
            })?;
            validate::at_most(&format!("permissions[{i}].resources"), &p.resources, validate::MAX_LIST)?;
            for (j, r) in p.resources.iter().enumerate() {
                validate::one_of(&format!("permissions[{i}].resources[{j}].type"), &r.kind, validate::PERMISSION_RESOURCE_TYPES)?;
                validate::not_blank(&format!("permissions[{i}].resources[{j}].id"), &r.id)?;
                if let Some(l) = &r.labels {
                    validate::at_most(&format!("permissions[{i}].resources[{j}].labels"), l, validate::MAX_LIST)?;
                }
            }
            Ok(Permission { role_name: role.name.clone(), role_id: role.id.clone(), resources: p.resources, labels: None })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupRec {
    pub id: String,
    pub name: String,
    pub permissions: Vec<Permission>,
    pub members: Vec<String>,
}

pub(crate) fn render_group(g: GroupRec) -> UserGroup {
    UserGroup { member_count: g.members.len() as u64, permissions: Some(g.permissions), id: g.id, name: g.name }
}

pub async fn create_invites_in(tx: &mut Tx, cat: &Catalog, invites: Vec<Invite>) -> AppResult<Vec<String>> {
    if invites.is_empty() {
        return Err(AppError::invalid("invites", "'invites' must hold at least one invite"));
    }
    validate::at_most("invites", &invites, validate::MAX_LIST)?;
    let mut emails = Vec::with_capacity(invites.len());
    for (i, inv) in invites.into_iter().enumerate() {
        let email = inv.email.trim().to_ascii_lowercase();
        validate::email(&format!("invites[{i}].email"), &email)?;
        for (j, p) in inv.permissions.iter().flatten().enumerate() {
            if cat.role(&p.role_id).is_none() {
                return Err(AppError::invalid(
                    format!("invites[{i}].permissions[{j}].roleId"),
                    format!("'roleId' is not a role of this workspace: '{}'", p.role_id),
                ));
            }
        }
        if !tx.by_ref::<User>(kind::USER, &email).await?.is_empty() {
            return Err(
                AppError::conflict(format!("'{email}' is already a member of this workspace")).with_field(format!("invites[{i}].email"))
            );
        }
        let rec = Invite { email: email.clone(), permissions: inv.permissions };
        if tx.exists(kind::INVITE, &email).await? {
            tx.put(&rec).await?;
            tx.audit("Policy Deleted", super::events::rt::INVITES, &email, &email).await?;
            tx.audit("Policy Created", super::events::rt::INVITES, &email, &email).await?;
        } else {
            tx.insert(&rec).await?;
            // CreateInvites: "Policy Created", "New Segment User Invited to Workspace" (api_iam_users.go).
            tx.audit("New Segment User Invited to Workspace", super::events::rt::INVITES, &email, &email).await?;
            tx.audit("Policy Created", super::events::rt::INVITES, &email, &email).await?;
        }
        emails.push(email);
    }
    Ok(emails)
}

/// Ours: turns a pending invite into a workspace user (what a person accepting it does).
pub async fn accept_invite_in(tx: &mut Tx, cat: &Catalog, email: &str) -> AppResult<User> {
    let email = email.trim().to_ascii_lowercase();
    let inv: Invite = tx.must(kind::INVITE, &email, INVITE).await?;
    let perms = inv
        .permissions
        .unwrap_or_default()
        .into_iter()
        .map(|p| PermissionInput {
            resources: p
                .resources
                .unwrap_or_default()
                .into_iter()
                .map(|r| PermissionResource { id: r.id, kind: r.kind, labels: p.labels.clone() })
                .collect(),
            role_id: p.role_id,
        })
        .collect();
    let user = User {
        id: ids::base58(&mut tx.rng),
        name: display_name(&email),
        email: email.clone(),
        permissions: Some(permissions(cat, perms)?),
    };
    tx.delete(kind::INVITE, &email).await?;
    tx.audit("Invite Accepted", super::events::rt::INVITES, &email, &email).await?;
    tx.insert(&user).await?;
    tx.audit("User Created", super::events::rt::USERS, &user.id, &email).await?;
    Ok(user)
}

pub(crate) fn display_name(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or(email)
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn replace_user_permissions_in(tx: &mut Tx, cat: &Catalog, id: &str, input: Vec<PermissionInput>) -> AppResult<Vec<Permission>> {
    let mut user: User = tx.must(kind::USER, id, USER).await?;
    let perms = permissions(cat, input)?;
    user.permissions = Some(perms.clone());
    tx.put(&user).await?;
    tx.audit("Policy Deleted", super::events::rt::USERS, id, &user.email).await?;
    // ReplacePermissionsForUser: "Policy Deleted" (api_iam_users.go), then the new policies.
    tx.audit("Policy Created", super::events::rt::USERS, id, &user.email).await?;
    Ok(perms)
}

pub async fn create_group_in(tx: &mut Tx, name: String) -> AppResult<GroupRec> {
    validate::not_blank("name", &name)?;
    validate::max_len("name", &name, 200)?;
    let g = GroupRec { id: ids::ksuid(&mut tx.rng), name, permissions: vec![], members: vec![] };
    tx.insert(&g).await?;
    // CreateUserGroup: "Policy Created" (api_iam_groups.go).
    tx.audit("Policy Created", super::events::rt::USER_GROUPS, &g.id, &g.name).await?;
    Ok(g)
}

pub(crate) async fn modify_group(tx: &mut Tx, id: &str, change: impl FnOnce(&mut GroupRec) -> AppResult<()>) -> AppResult<GroupRec> {
    let mut g: GroupRec = tx.must(kind::USER_GROUP, id, GROUP).await?;
    change(&mut g)?;
    tx.put(&g).await?;
    tx.audit("User Group Updated", super::events::rt::USER_GROUPS, id, &g.name).await?;
    Ok(g)
}

pub async fn replace_group_members(tx: &mut Tx, id: &str, emails: Vec<String>) -> AppResult<GroupRec> {
    validate::at_most("emails", &emails, validate::MAX_LIST)?;
    let mut members: Vec<String> = Vec::with_capacity(emails.len());
    for (i, e) in emails.iter().enumerate() {
        let e = e.trim().to_ascii_lowercase();
        validate::email(&format!("emails[{i}]"), &e)?;
        if !members.contains(&e) {
            members.push(e);
        }
    }
    modify_group(tx, id, |g| {
        g.members = members;
        Ok(())
    })
    .await
}

pub async fn replace_group_permissions_in(tx: &mut Tx, cat: &Catalog, id: &str, input: Vec<PermissionInput>) -> AppResult<Vec<Permission>> {
    let perms = permissions(cat, input)?;
    let out = perms.clone();
    modify_group(tx, id, |g| {
        g.permissions = perms;
        Ok(())
    })
    .await?;
    Ok(out)
}

pub async fn delete_users_in(tx: &mut Tx, ids: &[String]) -> AppResult<()> {
    for id in ids {
        let user: User = tx.must(kind::USER, id, USER).await?;
        tx.delete(kind::USER, id).await?;
        // DeleteUsers: "Group Memberships Deleted" (api_iam_users.go).
        tx.audit("Group Memberships Deleted", super::events::rt::USERS, id, &user.email).await?;
    }
    Ok(())
}

pub async fn delete_invites_in(tx: &mut Tx, emails: &[String]) -> AppResult<()> {
    for e in emails {
        let e = e.trim().to_ascii_lowercase();
        if !tx.delete(kind::INVITE, &e).await? {
            return Err(AppError::not_found(INVITE, &e));
        }
        // DeleteInvites: "Group Memberships Deleted" (api_iam_users.go).
        tx.audit("Group Memberships Deleted", super::events::rt::INVITES, &e, &e).await?;
    }
    Ok(())
}

pub async fn delete_group_of(tx: &mut Tx, id: &str) -> AppResult<()> {
    let g: GroupRec = tx.must(kind::USER_GROUP, id, GROUP).await?;
    tx.delete(kind::USER_GROUP, id).await?;
    tx.audit("User Group Deleted", super::events::rt::USER_GROUPS, id, &g.name).await?;
    Ok(())
}

/// An invite is addressed and found by its email.
impl Record for Invite {
    const KIND: &'static str = kind::INVITE;
    fn keys(&self) -> Keys {
        Keys::id(&self.email).reference(&self.email)
    }
}

/// A user is found by its email.
impl Record for User {
    const KIND: &'static str = kind::USER;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).reference(&self.email)
    }
}

impl Record for GroupRec {
    const KIND: &'static str = kind::USER_GROUP;
    fn keys(&self) -> Keys {
        Keys::id(&self.id)
    }
}
