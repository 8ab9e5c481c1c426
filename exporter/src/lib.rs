//! `segsync-export`: the workspace as HCL in a git repository. Files are rendered from the
//! provider's own schema and its API → value mapping ([`render`], [`snapshot`]), so what is
//! exported and what `terraform plan` reads cannot disagree; [`git`] drives the git CLI and
//! [`sync`] turns changes into attributed commits, following the audit trail as [`feed`] says.

pub mod crashpoint;
pub mod feed;
pub mod git;
pub mod health;
pub mod layout;
pub mod progress;
pub mod render;
pub mod scope;
pub mod snapshot;
pub mod sync;
