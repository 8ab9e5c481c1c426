//! The endpoint table: one list that builds both the axum router and the OpenAPI document, so the
//! published contract cannot drift from what is served.

use axum::http::StatusCode;
use axum::Json;
use schemars::gen::SchemaGenerator;
use schemars::schema::Schema;
use segsync_api::data::*;
use segsync_api::types::*;

use crate::state::AppState;

pub mod audit;
pub mod catalog;
pub mod destinations;
pub mod functions;
pub mod iam;
pub mod sources;
pub mod tracking_plans;
pub mod transformations;
pub mod warehouses;

pub type Reply<T> = crate::error::AppResult<Json<Envelope<T>>>;
pub type Created<T> = crate::error::AppResult<(StatusCode, Json<Envelope<T>>)>;

pub fn ok<T>(data: T) -> Reply<T> {
    Ok(Json(Envelope { data }))
}

pub fn created<T>(data: T) -> Created<T> {
    Ok((StatusCode::CREATED, Json(Envelope { data })))
}

pub fn done() -> Reply<StatusData> {
    ok(StatusData { status: "SUCCESS".into() })
}

/// One documented endpoint.
pub struct EndpointDoc {
    pub method: &'static str,
    pub path: &'static str,
    pub operation: &'static str,
    pub status: u16,
    pub response: fn(&mut SchemaGenerator) -> Schema,
    pub request: Option<fn(&mut SchemaGenerator) -> Schema>,
    /// Query parameters beyond pagination: `name`, `name!` when the server refuses a request
    /// without it, `name[]` for an array (`name.0=a&name.1=b`, or `name=a&name=b`).
    pub query: &'static [&'static str],
    pub paginated: bool,
}

macro_rules! endpoints {
    ($( $method:ident $path:literal $op:literal $status:literal => $handler:path, $resp:ty $(, body = $req:ty)? $(, query = [$($q:literal),*])? $(, paged = $paged:literal)? ; )*) => {
        /// Every API route, without the middleware (see [`crate::router`]).
        pub fn routes() -> axum::Router<AppState> {
            let mut r = axum::Router::new();
            $( r = r.route($path, axum::routing::$method($handler)); )*
            r
        }

        /// The documentation of every route in [`routes`].
        pub fn endpoints() -> Vec<EndpointDoc> {
            vec![$(EndpointDoc {
                method: stringify!($method),
                path: $path,
                operation: $op,
                status: $status,
                response: |g| g.subschema_for::<Envelope<$resp>>(),
                request: None $( .or(Some(|g: &mut SchemaGenerator| g.subschema_for::<$req>())) )?,
                query: &[$($($q),*)?],
                paginated: false $( || $paged )?,
            },)*]
        }
    };
}

use catalog as cat;
use destinations as dst;
use functions as fns;
use sources as src;
use tracking_plans as tps;
use transformations as trf;
use warehouses as whs;

endpoints! {
    get "/" "GetWorkspace" 200 => cat::get_workspace, WorkspaceData;
    get "/catalog/sources" "GetSourcesCatalog" 200 => cat::sources_catalog, SourcesCatalogPage, paged = true;
    get "/catalog/sources/{sourceMetadataId}" "GetSourceMetadata" 200 => cat::source_metadata, SourceMetadataData;
    get "/catalog/destinations" "GetDestinationsCatalog" 200 => cat::destinations_catalog, DestinationsCatalogPage, paged = true;
    get "/catalog/destinations/{destinationMetadataId}" "GetDestinationMetadata" 200 => cat::destination_metadata, DestinationMetadataData;
    get "/catalog/warehouses" "GetWarehousesCatalog" 200 => cat::warehouses_catalog, WarehousesCatalogPage, paged = true;
    get "/catalog/warehouses/{warehouseMetadataId}" "GetWarehouseMetadata" 200 => cat::warehouse_metadata, WarehouseMetadataData;
    get "/audit-events" "ListAuditEvents" 200 => audit::list_audit_events, AuditEventsPage, query = ["startTime", "endTime", "resourceId", "resourceType"], paged = true;

    get "/sources" "ListSources" 200 => src::list, SourcesPage, paged = true;
    post "/sources" "CreateSource" 201 => src::create, SourceUpdateData, body = CreateSourceInput;
    get "/sources/{sourceId}" "GetSource" 200 => src::get, SourceData;
    patch "/sources/{sourceId}" "UpdateSource" 200 => src::update, SourceUpdateData, body = UpdateSourceInput;
    delete "/sources/{sourceId}" "DeleteSource" 200 => src::delete, StatusData;
    put "/sources/{sourceId}/labels" "ReplaceLabelsInSource" 200 => src::replace_labels, LabelsData, body = ReplaceLabelsInput;
    get "/sources/{sourceId}/settings" "ListSchemaSettingsInSource" 200 => src::get_schema_settings, SchemaSettingsData;
    patch "/sources/{sourceId}/settings" "UpdateSchemaSettingsInSource" 200 => src::update_schema_settings, SchemaSettingsData, body = SchemaSettings;
    get "/sources/{sourceId}/connected-warehouses" "ListConnectedWarehousesFromSource" 200 => src::connected_warehouses, WarehousesPage, paged = true;

    get "/destinations" "ListDestinations" 200 => dst::list, DestinationsPage, paged = true;
    post "/destinations" "CreateDestination" 200 => dst::create, DestinationData, body = CreateDestinationInput;
    get "/destinations/{destinationId}" "GetDestination" 200 => dst::get, DestinationData;
    patch "/destinations/{destinationId}" "UpdateDestination" 200 => dst::update, DestinationData, body = UpdateDestinationInput;
    delete "/destinations/{destinationId}" "DeleteDestination" 200 => dst::delete, StatusData;
    get "/destination/{destinationId}/filters" "ListFiltersFromDestination" 200 => dst::list_filters, FiltersPage, paged = true;
    post "/destination/{destinationId}/filters" "CreateFilterForDestination" 200 => dst::create_filter, FilterData, body = CreateFilterInput;
    get "/destination/{destinationId}/filters/{filterId}" "GetFilterInDestination" 200 => dst::get_filter, FilterData;
    patch "/destination/{destinationId}/filters/{filterId}" "UpdateFilterForDestination" 200 => dst::update_filter, FilterData, body = UpdateFilterInput;
    delete "/destination/{destinationId}/filters/{filterId}" "RemoveFilterFromDestination" 200 => dst::delete_filter, StatusData;
    get "/destinations/{destinationId}/subscriptions" "ListSubscriptionsFromDestination" 200 => dst::list_subscriptions, SubscriptionsPage, paged = true;
    post "/destinations/{destinationId}/subscriptions" "CreateDestinationSubscription" 200 => dst::create_subscription, CreatedSubscriptionData, body = CreateSubscriptionInput;
    get "/destinations/{destinationId}/subscriptions/{id}" "GetSubscriptionFromDestination" 200 => dst::get_subscription, SubscriptionData;
    patch "/destinations/{destinationId}/subscriptions/{id}" "UpdateSubscriptionForDestination" 200 => dst::update_subscription, SubscriptionData, body = UpdateSubscriptionInput;
    delete "/destinations/{destinationId}/subscriptions/{id}" "RemoveSubscriptionFromDestination" 200 => dst::delete_subscription, StatusData;

    get "/warehouses" "ListWarehouses" 200 => whs::list, WarehousesPage, paged = true;
    post "/warehouses" "CreateWarehouse" 201 => whs::create, WarehouseData, body = CreateWarehouseInput;
    get "/warehouses/{warehouseId}" "GetWarehouse" 200 => whs::get, WarehouseData;
    patch "/warehouses/{warehouseId}" "UpdateWarehouse" 200 => whs::update, WarehouseData, body = UpdateWarehouseInput;
    delete "/warehouses/{warehouseId}" "DeleteWarehouse" 200 => whs::delete, StatusData;
    post "/warehouses/{warehouseId}/connected-sources/{sourceId}" "AddConnectionFromSourceToWarehouse" 201 => whs::connect, StatusData;
    delete "/warehouses/{warehouseId}/connected-sources/{sourceId}" "RemoveSourceConnectionFromWarehouse" 200 => whs::disconnect, StatusData;
    get "/warehouses/{warehouseId}/connected-sources" "ListConnectedSourcesFromWarehouse" 200 => whs::connected_sources, SourcesPage, paged = true;
    get "/spaces/{spaceId}/profiles-warehouses" "ListProfilesWarehouseInSpace" 200 => whs::list_profiles, ProfilesWarehousesPage, paged = true;
    post "/spaces/{spaceId}/profiles-warehouses" "CreateProfilesWarehouse" 201 => whs::create_profiles, ProfilesWarehouseData, body = CreateProfilesWarehouseInput;
    patch "/spaces/{spaceId}/profiles-warehouses/{warehouseId}" "UpdateProfilesWarehouseForSpaceWarehouse" 200 => whs::update_profiles, ProfilesWarehouseData, body = UpdateProfilesWarehouseInput;
    delete "/spaces/{spaceId}/profiles-warehouses/{warehouseId}" "RemoveProfilesWarehouseFromSpace" 200 => whs::delete_profiles, StatusData;

    get "/functions" "ListFunctions" 200 => fns::list, FunctionsPage, query = ["resourceType!"], paged = true;
    post "/functions" "CreateFunction" 200 => fns::create, FunctionData, body = CreateFunctionInput;
    get "/functions/{functionId}" "GetFunction" 200 => fns::get, FunctionData;
    patch "/functions/{functionId}" "UpdateFunction" 200 => fns::update, FunctionData, body = UpdateFunctionInput;
    delete "/functions/{functionId}" "DeleteFunction" 200 => fns::delete, StatusData;
    get "/insert-function-instances" "ListInsertFunctionInstances" 200 => fns::list_instances, InsertFunctionInstancesPage, query = ["functionId!"], paged = true;
    post "/insert-function-instances" "CreateInsertFunctionInstance" 200 => fns::create_instance, InsertFunctionInstanceData, body = CreateInsertFunctionInstanceInput;
    get "/insert-function-instances/{instanceId}" "GetInsertFunctionInstance" 200 => fns::get_instance, InsertFunctionInstanceData;
    patch "/insert-function-instances/{instanceId}" "UpdateInsertFunctionInstance" 200 => fns::update_instance, InsertFunctionInstanceData, body = UpdateInsertFunctionInstanceInput;
    delete "/insert-function-instances/{instanceId}" "DeleteInsertFunctionInstance" 200 => fns::delete_instance, StatusData;

    get "/transformations" "ListTransformations" 200 => trf::list, TransformationsPage, paged = true;
    post "/transformations" "CreateTransformation" 200 => trf::create, TransformationData, body = CreateTransformationInput;
    get "/transformations/{transformationId}" "GetTransformation" 200 => trf::get, TransformationData;
    patch "/transformations/{transformationId}" "UpdateTransformation" 200 => trf::update, TransformationData, body = UpdateTransformationInput;
    delete "/transformations/{transformationId}" "DeleteTransformation" 200 => trf::delete, StatusData;
    get "/reverse-etl-models" "ListReverseEtlModels" 200 => trf::list_models, ReverseEtlModelsPage, paged = true;
    post "/reverse-etl-models" "CreateReverseEtlModel" 201 => trf::create_model, ReverseEtlModelData, body = CreateReverseEtlModelInput;
    get "/reverse-etl-models/{modelId}" "GetReverseEtlModel" 200 => trf::get_model, ReverseEtlModelData;
    patch "/reverse-etl-models/{modelId}" "UpdateReverseEtlModel" 200 => trf::update_model, ReverseEtlModelData, body = UpdateReverseEtlModelInput;
    delete "/reverse-etl-models/{modelId}" "DeleteReverseEtlModel" 200 => trf::delete_model_handler, StatusData;

    get "/tracking-plans" "ListTrackingPlans" 200 => tps::list, TrackingPlansPage, paged = true;
    post "/tracking-plans" "CreateTrackingPlan" 200 => tps::create, TrackingPlanData, body = CreateTrackingPlanInput;
    get "/tracking-plans/{trackingPlanId}" "GetTrackingPlan" 200 => tps::get, TrackingPlanData;
    patch "/tracking-plans/{trackingPlanId}" "UpdateTrackingPlan" 200 => tps::update, StatusData, body = UpdateTrackingPlanInput;
    delete "/tracking-plans/{trackingPlanId}" "DeleteTrackingPlan" 200 => tps::delete, StatusData;
    get "/tracking-plans/{trackingPlanId}/rules" "ListRulesFromTrackingPlan" 200 => tps::list_rules, RulesPage, paged = true;
    put "/tracking-plans/{trackingPlanId}/rules" "ReplaceRulesInTrackingPlan" 200 => tps::replace_rules, StatusData, body = ReplaceRulesInput;
    get "/tracking-plans/{trackingPlanId}/sources" "ListSourcesFromTrackingPlan" 200 => tps::list_sources, SourcesPage, paged = true;
    post "/tracking-plans/{trackingPlanId}/sources" "AddSourceToTrackingPlan" 200 => tps::add_source, StatusData, body = AddSourceToTrackingPlanInput;
    delete "/tracking-plans/{trackingPlanId}/sources" "RemoveSourceFromTrackingPlan" 200 => tps::remove_source, StatusData, query = ["sourceId!"];

    get "/labels" "ListLabels" 200 => iam::list_labels, LabelsData;
    post "/labels" "CreateLabel" 201 => iam::create_label, LabelData, body = CreateLabelInput;
    delete "/labels/{key}/{value}" "DeleteLabel" 200 => iam::delete_label, StatusData;
    get "/roles" "ListRoles" 200 => iam::list_roles, RolesPage, paged = true;
    get "/users" "ListUsers" 200 => iam::list_users, UsersPage, paged = true;
    delete "/users" "DeleteUsers" 200 => iam::delete_users, StatusData, query = ["userIds[]!"];
    get "/users/{userId}" "GetUser" 200 => iam::get_user, UserData;
    put "/users/{userId}/permissions" "ReplacePermissionsForUser" 200 => iam::replace_user_permissions, PermissionsData, body = ReplacePermissionsInput;
    get "/invites" "ListInvites" 200 => iam::list_invites, InvitesPage, paged = true;
    post "/invites" "CreateInvites" 201 => iam::create_invites, EmailsData, body = CreateInvitesInput;
    delete "/invites" "DeleteInvites" 200 => iam::delete_invites, StatusData, query = ["emails[]!"];
    post "/invites/{email}/accept" "AcceptInvite" 201 => iam::accept_invite, UserData;
    get "/groups" "ListUserGroups" 200 => iam::list_groups, UserGroupsPage, paged = true;
    post "/groups" "CreateUserGroup" 200 => iam::create_group, UserGroupData, body = UserGroupNameInput;
    get "/groups/{userGroupId}" "GetUserGroup" 200 => iam::get_group, UserGroupData;
    patch "/groups/{userGroupId}" "UpdateUserGroup" 200 => iam::update_group, UserGroupData, body = UserGroupNameInput;
    delete "/groups/{userGroupId}" "DeleteUserGroup" 200 => iam::delete_group, StatusData;
    get "/groups/{userGroupId}/users" "ListUsersFromUserGroup" 200 => iam::list_group_users, GroupUsersPage, paged = true;
    get "/groups/{userGroupId}/invites" "ListInvitesFromUserGroup" 200 => iam::list_group_invites, GroupInvitesPage, paged = true;
    put "/group/{userGroupId}/users" "ReplaceUsersInUserGroup" 200 => iam::replace_group_users, UserGroupData, body = ReplaceUsersInGroupInput;
    put "/groups/{userGroupId}/permissions" "ReplacePermissionsForUserGroup" 200 => iam::replace_group_permissions, PermissionsData, body = ReplacePermissionsInput;
}

/// One page of stored objects of a kind (optionally under a parent), rendered for the wire.
pub async fn list_page<R, T>(
    s: &AppState,
    kind: &str,
    parent: Option<&str>,
    q: &crate::extract::Query,
    render: impl Fn(R) -> T,
) -> crate::error::AppResult<(Vec<T>, Pagination)>
where
    R: serde::de::DeserializeOwned,
{
    let page = q.page()?;
    let mut tx = s.db.read().await?;
    let listed = tx.list::<R>(kind, parent, page.after, page.count).await?;
    let prev = tx.previous_seq(kind, parent, page.after, page.count).await?;
    let next = listed.has_more.then(|| listed.rows.last().map(|r| r.seq)).flatten();
    let items = listed.rows.into_iter().map(|r| render(r.body)).collect();
    Ok((items, crate::extract::pagination(page, next, prev, listed.total)))
}
