//! Integration tests of segsync-server through the typed client and raw HTTP, against a real
//! server on 127.0.0.1:0 with a real SQLite file.

mod bad_input;
mod crud;
mod feed;
mod nothing_lost;
mod openapi;
mod process;
mod resilience;
mod support;
