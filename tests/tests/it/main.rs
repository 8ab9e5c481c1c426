//! End-to-end suites: a real Terraform 1.15.5 against real provider binaries.

mod examples;
mod export;
mod nothing_lost;
mod resources;
mod robustness;
mod segment;
mod tfplugin;
