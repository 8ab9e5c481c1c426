//! Labels, roles, users, invites and user groups.
//! HTTP handlers; the operations are in `ops`.

use super::{created, done, list_page, ok, Created, Reply};
use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::extract::{page_vec, Body, Query};
use crate::ops::change;
use crate::ops::iam::*;
use crate::state::AppState;
use crate::store::kind;
use crate::validate;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list_labels(State(s): State<AppState>) -> Reply<LabelsData> {
    let labels = s.db.read().await?.all::<Label>(kind::LABEL).await?;
    ok(LabelsData { item: labels })
}

pub async fn create_label(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateLabelInput>,
) -> Created<LabelData> {
    let l = change(&s, c.actor, async |tx| create_label_in(tx, input.label).await).await?;
    created(LabelData { item: l })
}

pub async fn delete_label(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((key, value)): Path<(String, String)>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_label_in(tx, &key, &value).await).await?;
    done()
}

pub async fn list_roles(State(s): State<AppState>, q: Query) -> Reply<RolesPage> {
    let (items, p) = page_vec(&s.catalog.roles, q.page()?);
    ok(RolesPage { items, pagination: Some(p) })
}

pub async fn list_users(State(s): State<AppState>, q: Query) -> Reply<UsersPage> {
    let (items, p) = list_page(&s, kind::USER, None, &q, |u: User| u).await?;
    ok(UsersPage { items, pagination: Some(p) })
}

pub async fn get_user(State(s): State<AppState>, Path(id): Path<String>) -> Reply<UserData> {
    let u = s.db.read().await?.must(kind::USER, &id, USER).await?;
    ok(UserData { item: u })
}

pub async fn delete_users(State(s): State<AppState>, Extension(c): Extension<Caller>, q: Query) -> Reply<StatusData> {
    let ids = q.array("userIds");
    if ids.is_empty() {
        return Err(AppError::invalid("userIds", "give at least one user id as userIds.0=…"));
    }
    change(&s, c.actor, async |tx| delete_users_in(tx, &ids).await).await?;
    done()
}

pub async fn replace_user_permissions(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<ReplacePermissionsInput>,
) -> Reply<PermissionsData> {
    let perms = change(&s, c.actor, async |tx| replace_user_permissions_in(tx, &s.catalog, &id, input.permissions).await).await?;
    ok(PermissionsData { item: perms })
}

pub async fn list_invites(State(s): State<AppState>, q: Query) -> Reply<InvitesPage> {
    let (items, p) = list_page(&s, kind::INVITE, None, &q, |i: Invite| i.email).await?;
    ok(InvitesPage { items, pagination: Some(p) })
}

pub async fn create_invites(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateInvitesInput>,
) -> Created<EmailsData> {
    let emails = change(&s, c.actor, async |tx| create_invites_in(tx, &s.catalog, input.invites).await).await?;
    created(EmailsData { item: emails })
}

pub async fn delete_invites(State(s): State<AppState>, Extension(c): Extension<Caller>, q: Query) -> Reply<StatusData> {
    let emails = q.array("emails");
    if emails.is_empty() {
        return Err(AppError::invalid("emails", "give at least one email as emails.0=…"));
    }
    change(&s, c.actor, async |tx| delete_invites_in(tx, &emails).await).await?;
    done()
}

/// `POST /invites/{email}/accept`: our extension (`--extensions`) that turns an invite into a
/// user, as the invitee signing up would. Without `--extensions` the route does not exist, as at
/// Segment.
pub async fn accept_invite(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(email): Path<String>) -> Created<UserData> {
    if !s.config.extensions {
        return Err(AppError::route_not_found());
    }
    let user = change(&s, c.actor, async |tx| accept_invite_in(tx, &s.catalog, &email).await).await?;
    created(UserData { item: user })
}

pub async fn list_groups(State(s): State<AppState>, q: Query) -> Reply<UserGroupsPage> {
    let (items, p) = list_page(&s, kind::USER_GROUP, None, &q, render_group).await?;
    ok(UserGroupsPage { items, pagination: Some(p) })
}

pub async fn create_group(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<UserGroupNameInput>,
) -> Reply<UserGroupData> {
    let g = change(&s, c.actor, async |tx| create_group_in(tx, input.name).await).await?;
    ok(UserGroupData { item: render_group(g) })
}

pub async fn get_group(State(s): State<AppState>, Path(id): Path<String>) -> Reply<UserGroupData> {
    let g = s.db.read().await?.must(kind::USER_GROUP, &id, GROUP).await?;
    ok(UserGroupData { item: render_group(g) })
}

pub async fn update_group(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UserGroupNameInput>,
) -> Reply<UserGroupData> {
    validate::not_blank("name", &input.name)?;
    let g = change(&s, c.actor, async |tx| {
        modify_group(tx, &id, |g| {
            g.name = input.name;
            Ok(())
        })
        .await
    })
    .await?;
    ok(UserGroupData { item: render_group(g) })
}

pub async fn delete_group(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_group_of(tx, &id).await).await?;
    done()
}

/// Members of a group split into workspace users and pending invites.
async fn group_members(s: &AppState, id: &str) -> AppResult<(Vec<MinimalUser>, Vec<String>)> {
    let mut tx = s.db.read().await?;
    let g: GroupRec = tx.must(kind::USER_GROUP, id, GROUP).await?;
    let mut users = Vec::new();
    let mut invites = Vec::new();
    for e in g.members {
        match tx.by_ref::<User>(kind::USER, &e).await?.into_iter().next() {
            Some(u) => users.push(MinimalUser { id: u.id, name: u.name, email: u.email }),
            None => invites.push(e),
        }
    }
    Ok((users, invites))
}

pub async fn list_group_users(State(s): State<AppState>, Path(id): Path<String>, q: Query) -> Reply<GroupUsersPage> {
    let page = q.page()?;
    let (users, _) = group_members(&s, &id).await?;
    let (items, p) = page_vec(&users, page);
    ok(GroupUsersPage { items, pagination: Some(p) })
}

pub async fn list_group_invites(State(s): State<AppState>, Path(id): Path<String>, q: Query) -> Reply<GroupInvitesPage> {
    let page = q.page()?;
    let (_, invites) = group_members(&s, &id).await?;
    let (items, p) = page_vec(&invites, page);
    ok(GroupInvitesPage { items, pagination: Some(p) })
}

pub async fn replace_group_users(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<ReplaceUsersInGroupInput>,
) -> Reply<UserGroupData> {
    let g = change(&s, c.actor, async |tx| replace_group_members(tx, &id, input.emails).await).await?;
    ok(UserGroupData { item: render_group(g) })
}

pub async fn replace_group_permissions(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<ReplacePermissionsInput>,
) -> Reply<PermissionsData> {
    let perms = change(&s, c.actor, async |tx| replace_group_permissions_in(tx, &s.catalog, &id, input.permissions).await).await?;
    ok(PermissionsData { item: perms })
}
