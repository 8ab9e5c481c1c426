//! `segsync-export`: the workspace as HCL. Files are rendered from the provider's own schema and
//! its API → value mapping (see [`render`]), so what is exported and what `terraform plan`
//! reads cannot disagree.

pub mod render;
