//! One module per resource: schema → from_api / to_api → create / read / update / delete → import.

pub mod destination;
pub mod destination_filter;
pub mod destination_subscription;
pub mod function;
pub mod insert_function_instance;
pub mod label;
pub mod listing;
pub mod profiles_warehouse;
pub mod reverse_etl_model;
pub mod source;
pub mod source_tracking_plan_connection;
pub mod source_warehouse_connection;
pub mod tracking_plan;
pub mod transformation;
pub mod user;
pub mod user_group;
pub mod warehouse;

use crate::kind::Kind;

/// Every kind, in an order where an object's dependencies come first. Adding a kind: its
/// module (with its `KIND`) and one line here.
pub static ALL: &[&Kind] = &[
    &label::KIND,
    &source::KIND,
    &warehouse::KIND,
    &source_warehouse_connection::KIND,
    &destination::KIND,
    &destination_filter::KIND,
    &reverse_etl_model::KIND,
    &destination_subscription::KIND,
    &function::KIND,
    &insert_function_instance::KIND,
    &tracking_plan::KIND,
    &source_tracking_plan_connection::KIND,
    &transformation::KIND,
    &user::KIND,
    &user_group::KIND,
    &profiles_warehouse::KIND,
];

/// The kind of a resource type.
pub fn kind(type_name: &str) -> Option<&'static Kind> {
    ALL.iter().copied().find(|k| k.type_name == type_name)
}
