//! End-to-end suites: a real Terraform (1.15.5; `compat::` and a named subset of `resources::`
//! also on 1.6.6 and 1.12.2, see `.ci/test`) against real provider binaries.

mod coalesce;
mod compat;
mod daemon;
mod deploy;
mod examples;
mod export;
mod guides;
mod nothing_lost;
mod release;
mod resources;
mod robustness;
mod scope;
mod segment;
mod tfplugin;
