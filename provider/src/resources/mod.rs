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
