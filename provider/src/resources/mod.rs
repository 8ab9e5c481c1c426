//! One module per resource: schema → from_api / to_api → create / read / update / delete → import.

pub mod source;
