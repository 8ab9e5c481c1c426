//! Operations on records: every change the API can make, each inside the caller's write
//! transaction, with its audit events and its cascades (deleting a source deletes what cannot
//! live without it, in `sources::delete_source`, and so on down). Handlers in `routes` decode a
//! request, call one operation through [`change`] and render the answer; the SQL is in `store`.

use crate::error::AppResult;
use crate::state::AppState;
use crate::store::{Actor, Tx};

pub mod destinations;
pub mod events;
pub mod functions;
pub mod iam;
pub mod sources;
pub mod tracking_plans;
pub mod transformations;
pub mod warehouses;

/// Runs one operation in a write transaction on behalf of `actor` and commits it; on error the
/// transaction rolls back (see `store::Tx`), so a change and its audit events land together or
/// not at all.
pub async fn change<T>(s: &AppState, actor: Actor, op: impl AsyncFnOnce(&mut Tx) -> AppResult<T>) -> AppResult<T> {
    let mut tx = s.db.write(actor).await?;
    let out = op(&mut tx).await?;
    tx.commit().await?;
    Ok(out)
}
