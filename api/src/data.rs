//! The `data` payloads of every response envelope, one struct per response shape.
//!
//! Single-object payloads implement [`One`], list payloads implement [`Page`], so the client can
//! fetch and paginate any of them generically.

use schemars::JsonSchema;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::types::*;

/// A response payload holding one object under its wire key.
pub trait One: DeserializeOwned + Serialize {
    type Item;
    fn into_item(self) -> Self::Item;
    fn wrap(item: Self::Item) -> Self;
}

/// A response payload holding one page of a list under its wire key.
pub trait Page: DeserializeOwned + Serialize {
    type Item;
    fn into_parts(self) -> (Vec<Self::Item>, Option<Pagination>);
    fn from_parts(items: Vec<Self::Item>, pagination: Option<Pagination>) -> Self;
}

macro_rules! one {
    ($($name:ident { $wire:literal : $ty:ty })*) => {$(
        #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
        pub struct $name {
            #[serde(rename = $wire)]
            pub item: $ty,
        }
        impl One for $name {
            type Item = $ty;
            fn into_item(self) -> $ty { self.item }
            fn wrap(item: $ty) -> Self { Self { item } }
        }
    )*};
}

macro_rules! page {
    ($($name:ident { $wire:literal : $ty:ty })*) => {$(
        #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
        pub struct $name {
            #[serde(rename = $wire)]
            pub items: Vec<$ty>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub pagination: Option<Pagination>,
        }
        impl Page for $name {
            type Item = $ty;
            fn into_parts(self) -> (Vec<$ty>, Option<Pagination>) { (self.items, self.pagination) }
            fn from_parts(items: Vec<$ty>, pagination: Option<Pagination>) -> Self { Self { items, pagination } }
        }
    )*};
}

one! {
    WorkspaceData { "workspace": Workspace }
    SourceMetadataData { "sourceMetadata": SourceMetadata }
    DestinationMetadataData { "destinationMetadata": DestinationMetadata }
    WarehouseMetadataData { "warehouseMetadata": WarehouseMetadata }
    SourceUpdateData { "source": Source }
    DestinationData { "destination": Destination }
    WarehouseData { "warehouse": Warehouse }
    FilterData { "filter": DestinationFilter }
    SubscriptionData { "subscription": DestinationSubscription }
    CreatedSubscriptionData { "destinationSubscription": DestinationSubscription }
    FunctionData { "function": Function }
    InsertFunctionInstanceData { "insertFunctionInstance": InsertFunctionInstance }
    ReverseEtlModelData { "reverseEtlModel": ReverseEtlModel }
    TransformationData { "transformation": Transformation }
    TrackingPlanData { "trackingPlan": TrackingPlan }
    ProfilesWarehouseData { "profilesWarehouse": ProfilesWarehouse }
    UserData { "user": User }
    UserGroupData { "userGroup": UserGroup }
    LabelData { "label": Label }
    LabelsData { "labels": Vec<Label> }
    PermissionsData { "permissions": Vec<Permission> }
    EmailsData { "emails": Vec<String> }
}

page! {
    SourcesCatalogPage { "sourcesCatalog": SourceMetadata }
    DestinationsCatalogPage { "destinationsCatalog": DestinationMetadata }
    WarehousesCatalogPage { "warehousesCatalog": WarehouseMetadata }
    SourcesPage { "sources": Source }
    DestinationsPage { "destinations": Destination }
    DestinationRefsPage { "destinations": DestinationRef }
    WarehousesPage { "warehouses": Warehouse }
    FiltersPage { "filters": DestinationFilter }
    SubscriptionsPage { "subscriptions": DestinationSubscription }
    FunctionsPage { "functions": FunctionSummary }
    InsertFunctionInstancesPage { "instances": InsertFunctionInstance }
    ReverseEtlModelsPage { "models": ReverseEtlModel }
    TransformationsPage { "transformations": Transformation }
    TrackingPlansPage { "trackingPlans": TrackingPlan }
    RulesPage { "rules": Rule }
    ProfilesWarehousesPage { "profilesWarehouses": ProfilesWarehouse }
    UsersPage { "users": User }
    GroupUsersPage { "users": MinimalUser }
    GroupInvitesPage { "emails": String }
    InvitesPage { "invites": String }
    UserGroupsPage { "userGroups": UserGroup }
    RolesPage { "roles": Role }
    LabelsPage { "labels": Label }
    AuditEventsPage { "events": AuditEvent }
}

/// `GET /sources/{id}`: the source and the tracking plan connected to it, if any.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SourceData {
    pub source: Source,
    #[serde(default)]
    pub tracking_plan_id: Option<String>,
}

/// `GET|PATCH /sources/{id}/settings`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SchemaSettingsData {
    pub source_id: String,
    pub settings: SchemaSettings,
}
