//! Destinations, their filters and their (action) subscriptions.
//! HTTP handlers; the operations are in `ops`.

use super::{done, list_page, ok, Reply};
use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::extract::{Body, Query};
use crate::ops::change;
use crate::ops::destinations::*;
use crate::state::AppState;
use crate::store::kind;
use axum::extract::{Path, State};
use axum::Extension;
use segsync_api::data::*;
use segsync_api::types::*;

pub async fn list(State(s): State<AppState>, q: Query) -> Reply<DestinationsPage> {
    let (items, p) = list_page(&s, kind::DESTINATION, None, &q, |r: DestinationRec| render(r, &s.catalog)).await?;
    ok(DestinationsPage { items, pagination: Some(p) })
}

pub async fn create(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Body(input): Body<CreateDestinationInput>,
) -> Reply<DestinationData> {
    let rec = change(&s, c.actor, async |tx| create_destination(tx, &s.catalog, input).await).await?;
    ok(DestinationData { item: render(rec, &s.catalog) })
}

pub async fn get(State(s): State<AppState>, Path(id): Path<String>) -> Reply<DestinationData> {
    let rec = s.db.read().await?.must(kind::DESTINATION, &id, RESOURCE).await?;
    ok(DestinationData { item: render(rec, &s.catalog) })
}

pub async fn update(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    Body(input): Body<UpdateDestinationInput>,
) -> Reply<DestinationData> {
    let rec = change(&s, c.actor, async |tx| update_destination(tx, &s.catalog, &id, input).await).await?;
    ok(DestinationData { item: render(rec, &s.catalog) })
}

pub async fn delete(State(s): State<AppState>, Extension(c): Extension<Caller>, Path(id): Path<String>) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_destination(tx, &id).await).await?;
    done()
}

async fn require_destination(s: &AppState, dest: &str) -> AppResult<()> {
    if !s.db.read().await?.exists(kind::DESTINATION, dest).await? {
        return Err(AppError::not_found(RESOURCE, dest));
    }
    Ok(())
}

pub async fn list_filters(State(s): State<AppState>, Path(dest): Path<String>, q: Query) -> Reply<FiltersPage> {
    require_destination(&s, &dest).await?;
    let (items, p) = list_page(&s, kind::FILTER, Some(&dest), &q, |f: DestinationFilter| f).await?;
    ok(FiltersPage { items, pagination: Some(p) })
}

pub async fn create_filter(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(dest): Path<String>,
    Body(input): Body<CreateFilterInput>,
) -> Reply<FilterData> {
    let f = change(&s, c.actor, async |tx| create_filter_for(tx, &dest, input).await).await?;
    ok(FilterData { item: f })
}

pub async fn get_filter(State(s): State<AppState>, Path((dest, id)): Path<(String, String)>) -> Reply<FilterData> {
    let f = filter_in(&mut s.db.read().await?, &dest, &id).await?;
    ok(FilterData { item: f })
}

pub async fn update_filter(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((dest, id)): Path<(String, String)>,
    Body(input): Body<UpdateFilterInput>,
) -> Reply<FilterData> {
    let f = change(&s, c.actor, async |tx| update_filter_of(tx, &dest, &id, input).await).await?;
    ok(FilterData { item: f })
}

pub async fn delete_filter(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((dest, id)): Path<(String, String)>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_filter_of(tx, &dest, &id).await).await?;
    done()
}

pub async fn list_subscriptions(State(s): State<AppState>, Path(dest): Path<String>, q: Query) -> Reply<SubscriptionsPage> {
    require_destination(&s, &dest).await?;
    let (items, p) = list_page(&s, kind::SUBSCRIPTION, Some(&dest), &q, |x: DestinationSubscription| x).await?;
    ok(SubscriptionsPage { items, pagination: Some(p) })
}

pub async fn create_subscription(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(dest): Path<String>,
    Body(input): Body<CreateSubscriptionInput>,
) -> Reply<CreatedSubscriptionData> {
    let sub = change(&s, c.actor, async |tx| create_subscription_for(tx, &s.catalog, &dest, input).await).await?;
    ok(CreatedSubscriptionData { item: sub })
}

pub async fn get_subscription(State(s): State<AppState>, Path((dest, id)): Path<(String, String)>) -> Reply<SubscriptionData> {
    let sub = subscription_in(&mut s.db.read().await?, &dest, &id).await?;
    ok(SubscriptionData { item: sub })
}

pub async fn update_subscription(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((dest, id)): Path<(String, String)>,
    Body(input): Body<UpdateSubscriptionInput>,
) -> Reply<SubscriptionData> {
    let sub = change(&s, c.actor, async |tx| update_subscription_of(tx, &dest, &id, input.input).await).await?;
    ok(SubscriptionData { item: sub })
}

pub async fn delete_subscription(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path((dest, id)): Path<(String, String)>,
) -> Reply<StatusData> {
    change(&s, c.actor, async |tx| delete_subscription_of(tx, &dest, &id).await).await?;
    done()
}
