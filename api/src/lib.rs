//! `segsync-api`: the wire types of the Segment Public API and a typed async client for it.

pub mod data;
pub mod types;
