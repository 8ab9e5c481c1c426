//! Storage: SQLite through sqlx. Workspace objects are JSON documents addressed by (kind, id);
//! every write happens in a [`Tx`] that also appends the audit event, so a change and its event
//! commit together or not at all.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::{de::DeserializeOwned, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use time::OffsetDateTime;
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::{AppError, AppResult};
use crate::ids;

/// Object kinds as stored in the `kind` column.
pub mod kind {
    pub const SOURCE: &str = "source";
    pub const DESTINATION: &str = "destination";
    pub const WAREHOUSE: &str = "warehouse";
    pub const CONNECTION: &str = "source_warehouse";
    pub const FILTER: &str = "filter";
    pub const SUBSCRIPTION: &str = "subscription";
    pub const FUNCTION: &str = "function";
    pub const INSERT_FUNCTION_INSTANCE: &str = "insert_function_instance";
    pub const TRANSFORMATION: &str = "transformation";
    pub const TRACKING_PLAN: &str = "tracking_plan";
    pub const TRACKING_PLAN_SOURCE: &str = "tracking_plan_source";
    pub const REVERSE_ETL_MODEL: &str = "reverse_etl_model";
    pub const LABEL: &str = "label";
    pub const USER: &str = "user";
    pub const INVITE: &str = "invite";
    pub const USER_GROUP: &str = "user_group";
    pub const PROFILES_WAREHOUSE: &str = "profiles_warehouse";
}

/// Where a stored object sits: its id and the two indexed columns beside it. Each record type
/// says what they mean for it (see its [`Record`] impl), so no caller passes them by position.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub id: String,
    /// The object this one is listed under (`Tx::list` with a parent, `Tx::children`).
    pub parent: String,
    /// A second object or value this one is found by (`Tx::by_ref`).
    pub reference: String,
}

impl Keys {
    pub fn id(id: impl Into<String>) -> Self {
        Keys { id: id.into(), ..Keys::default() }
    }
    pub fn parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = parent.into();
        self
    }
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = reference.into();
        self
    }
}

/// A type stored as a JSON document in `objects`.
pub trait Record: Serialize {
    /// The `kind` column (see [`kind`]).
    const KIND: &'static str;
    fn keys(&self) -> Keys;
}

/// Who is making a change, as recorded in the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub email: Option<String>,
}

impl Actor {
    pub fn for_token(name: &str, email: Option<&str>) -> Self {
        match email {
            Some(e) => Actor { name: e.to_string(), email: Some(e.to_string()) },
            None => Actor { name: format!("Public API token '{name}'"), email: None },
        }
    }
}

/// Opens (creating if needed) the database, in WAL mode with a busy timeout, and migrates it.
pub async fn open(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let opts = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(15))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new().max_connections(8).acquire_timeout(Duration::from_secs(30)).connect_with(opts).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// The workspace this database holds; created with a fresh id on first use.
pub async fn workspace(pool: &SqlitePool) -> Result<segsync_api::types::Workspace, sqlx::Error> {
    let fresh = ids::base58(&mut rand::thread_rng());
    for (k, v) in [("workspace_id", fresh.as_str()), ("workspace_slug", "segsync"), ("workspace_name", "segsync workspace")] {
        sqlx::query("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)").bind(k).bind(v).execute(pool).await?;
    }
    let get = |k: &'static str| async move {
        sqlx::query_scalar::<_, String>("SELECT value FROM meta WHERE key = ?").bind(k).fetch_one(pool).await
    };
    Ok(segsync_api::types::Workspace {
        id: get("workspace_id").await?,
        slug: get("workspace_slug").await?,
        name: get("workspace_name").await?,
    })
}

/// An API token as stored: only a hash of its secret.
pub struct TokenRow {
    pub name: String,
    pub scope: String,
    pub email: Option<String>,
    pub hash: Vec<u8>,
}

pub async fn insert_token(pool: &SqlitePool, id: &str, t: &TokenRow) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO tokens (id, name, scope, email, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(id)
        .bind(&t.name)
        .bind(&t.scope)
        .bind(&t.email)
        .bind(&t.hash)
        .bind(ids::rfc3339(OffsetDateTime::now_utc()))
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn token(pool: &SqlitePool, id: &str) -> AppResult<Option<TokenRow>> {
    let row = sqlx::query("SELECT name, scope, email, hash FROM tokens WHERE id = ?").bind(id).fetch_optional(pool).await?;
    Ok(row.map(|r| TokenRow { name: r.get("name"), scope: r.get("scope"), email: r.get("email"), hash: r.get("hash") }))
}

/// The first answer to a request sent with an `Idempotency-Key`, replayed for its repeats.
pub struct IdempotentReply {
    pub request_hash: Vec<u8>,
    pub status: u16,
    pub body: Vec<u8>,
}

pub async fn idempotent_reply(pool: &SqlitePool, token_id: &str, key: &str) -> AppResult<Option<IdempotentReply>> {
    let row = sqlx::query("SELECT request_hash, status, body FROM idempotency_keys WHERE token_id = ? AND key = ?")
        .bind(token_id)
        .bind(key)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| IdempotentReply {
        request_hash: r.get("request_hash"),
        status: u16::try_from(r.get::<i64, _>("status")).unwrap_or(200),
        body: r.get("body"),
    }))
}

pub async fn save_idempotent_reply(pool: &SqlitePool, token_id: &str, key: &str, reply: &IdempotentReply) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT OR REPLACE INTO idempotency_keys (token_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(token_id)
    .bind(key)
    .bind(&reply.request_hash)
    .bind(i64::from(reply.status))
    .bind(&reply.body)
    .bind(ids::rfc3339(OffsetDateTime::now_utc()))
    .execute(pool)
    .await?;
    Ok(())
}

/// The database plus the single-writer lock. SQLite allows one writer at a time; taking the lock
/// before `BEGIN` keeps writers from deadlocking on lock upgrades and makes the audit `seq`
/// order equal to commit order.
#[derive(Clone)]
pub struct Db {
    pub pool: SqlitePool,
    write_lock: Arc<Mutex<()>>,
    /// Test-only: audit events are stamped up to this much in the past (`AuditTrail::clock_skew`).
    pub audit_skew: Option<std::time::Duration>,
}

impl Db {
    pub fn new(pool: SqlitePool) -> Self {
        Db { pool, write_lock: Arc::new(Mutex::new(())), audit_skew: None }
    }

    pub async fn read(&self) -> AppResult<Tx> {
        Ok(Tx {
            tx: Some(self.pool.begin().await?),
            actor: None,
            guard: None,
            now: OffsetDateTime::now_utc(),
            rng: StdRng::from_entropy(),
            skew_ms: 0,
        })
    }

    pub async fn write(&self, actor: Actor) -> AppResult<Tx> {
        let guard = self.write_lock.clone().lock_owned().await;
        let tx = self.pool.begin().await?;
        let skew_ms = self.audit_skew.map_or(0, |d| d.as_millis() as i64);
        Ok(Tx {
            tx: Some(tx),
            actor: Some(actor),
            guard: Some(guard),
            now: OffsetDateTime::now_utc(),
            rng: StdRng::from_entropy(),
            skew_ms,
        })
    }
}

/// A stored row: its list position and decoded body.
pub struct Row2<T> {
    pub seq: i64,
    pub body: T,
}

pub struct Tx {
    /// `None` only after commit.
    tx: Option<Transaction<'static, Sqlite>>,
    actor: Option<Actor>,
    guard: Option<OwnedMutexGuard<()>>,
    pub now: OffsetDateTime,
    /// Source of new ids; the seeder swaps in a seeded generator for deterministic workspaces.
    pub rng: StdRng,
    /// Test-only clock skew of audit timestamps, in ms (0: none).
    skew_ms: i64,
}

/// Which audit events a page holds: a time range (`start` exclusive: "events that happened
/// after this time"; `end` exclusive: "before this time"; in ms), a resource id and type.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub resource_id: Option<String>,
    pub resource_type: Option<String>,
}

/// Where a page of the audit trail starts: just before this event (its time and sequence).
pub type AuditMark = (i64, i64);

/// One page of audit events, newest first, strictly before `before` when given: the events with
/// their marks, and whether more follow.
pub async fn audit_page(
    pool: &SqlitePool,
    f: &AuditFilter,
    before: Option<AuditMark>,
    count: i64,
) -> AppResult<(Vec<(AuditMark, segsync_api::types::AuditEvent)>, bool)> {
    let mut sql = String::from(
        "SELECT seq, ts_ms, id, timestamp, type, actor, actor_email, resource_id, resource_type, resource_name FROM audit_events WHERE 1=1",
    );
    if f.start_ms.is_some() {
        sql.push_str(" AND ts_ms > ?");
    }
    if f.end_ms.is_some() {
        sql.push_str(" AND ts_ms < ?");
    }
    if f.resource_id.is_some() {
        sql.push_str(" AND resource_id = ?");
    }
    if f.resource_type.is_some() {
        sql.push_str(" AND resource_type = ?");
    }
    if before.is_some() {
        sql.push_str(" AND (ts_ms < ? OR (ts_ms = ? AND seq < ?))");
    }
    sql.push_str(" ORDER BY ts_ms DESC, seq DESC LIMIT ?");
    let mut q = sqlx::query(&sql);
    for v in [f.start_ms, f.end_ms].into_iter().flatten() {
        q = q.bind(v);
    }
    for v in [&f.resource_id, &f.resource_type].into_iter().flatten() {
        q = q.bind(v.clone());
    }
    if let Some((ts, seq)) = before {
        q = q.bind(ts).bind(ts).bind(seq);
    }
    let rows = q.bind(count + 1).fetch_all(pool).await?;
    let has_more = rows.len() as i64 > count;
    let events = rows
        .into_iter()
        .take(count as usize)
        .map(|r| {
            let mark: AuditMark = (r.get("ts_ms"), r.get("seq"));
            let ev = segsync_api::types::AuditEvent {
                id: r.get("id"),
                timestamp: r.get("timestamp"),
                kind: r.get("type"),
                actor: r.get("actor"),
                actor_email: r.get("actor_email"),
                resource_id: r.get("resource_id"),
                resource_type: r.get("resource_type"),
                resource_name: r.get("resource_name"),
            };
            (mark, ev)
        })
        .collect();
    Ok((events, has_more))
}

/// What a list query returns: the rows and the total number of rows in the scope.
pub struct Listed<T> {
    pub rows: Vec<Row2<T>>,
    pub total: i64,
    pub has_more: bool,
}

/// A write transaction that ends without commit (an error, a panic, a client that went away) is
/// rolled back *before* the writer lock is released: sqlx only queues the rollback of a dropped
/// transaction, and the next writer would meet a locked database (SQLITE_BUSY, a 503) until
/// that connection is used again.
impl Drop for Tx {
    fn drop(&mut self) {
        let (Some(tx), Some(guard)) = (self.tx.take(), self.guard.take()) else { return };
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(async move {
                    if let Err(e) = tx.rollback().await {
                        tracing::error!(error = %e, "rolling back a failed write");
                    }
                    drop(guard);
                });
            }
            Err(_) => drop((tx, guard)),
        }
    }
}

impl Tx {
    pub async fn commit(mut self) -> AppResult<()> {
        let tx = self.tx.take().ok_or_else(AppError::internal)?;
        tx.commit().await?;
        // The guard goes with `self`, after the commit.
        Ok(())
    }

    fn tx(&mut self) -> &mut sqlx::SqliteConnection {
        self.tx.as_mut().expect("a transaction is used only before commit, which consumes it")
    }

    /// The name of whoever makes this change (empty in a read transaction).
    pub fn actor_name(&self) -> String {
        self.actor.as_ref().map(|a| a.name.clone()).unwrap_or_default()
    }

    /// The workspace's name (see [`workspace`]).
    pub async fn workspace_name(&mut self) -> AppResult<String> {
        let name = sqlx::query_scalar::<_, String>("SELECT value FROM meta WHERE key = 'workspace_name'").fetch_optional(self.tx()).await?;
        Ok(name.unwrap_or_default())
    }

    pub fn now_rfc3339(&self) -> String {
        ids::rfc3339(self.now)
    }

    pub async fn get<T: DeserializeOwned>(&mut self, kind: &str, id: &str) -> AppResult<Option<T>> {
        let row = sqlx::query("SELECT body FROM objects WHERE kind = ? AND id = ?").bind(kind).bind(id).fetch_optional(self.tx()).await?;
        match row {
            Some(r) => Ok(Some(serde_json::from_str(r.get::<&str, _>(0))?)),
            None => Ok(None),
        }
    }

    /// Like [`Tx::get`], but a missing object is a 404 naming `what`.
    pub async fn must<T: DeserializeOwned>(&mut self, kind: &str, id: &str, what: &str) -> AppResult<T> {
        self.get(kind, id).await?.ok_or_else(|| AppError::not_found(what, id))
    }

    pub async fn exists(&mut self, kind: &str, id: &str) -> AppResult<bool> {
        let row = sqlx::query("SELECT 1 FROM objects WHERE kind = ? AND id = ?").bind(kind).bind(id).fetch_optional(self.tx()).await?;
        Ok(row.is_some())
    }

    /// Stores a new object.
    pub async fn insert<R: Record>(&mut self, rec: &R) -> AppResult<()> {
        let k = rec.keys();
        let json = serde_json::to_string(rec)?;
        sqlx::query("INSERT INTO objects (kind, id, parent, ref, body) VALUES (?, ?, ?, ?, ?)")
            .bind(R::KIND)
            .bind(&k.id)
            .bind(&k.parent)
            .bind(&k.reference)
            .bind(json)
            .execute(self.tx())
            .await?;
        Ok(())
    }

    /// Replaces an existing object (body and reference), keeping its list position.
    pub async fn put<R: Record>(&mut self, rec: &R) -> AppResult<()> {
        let k = rec.keys();
        let json = serde_json::to_string(rec)?;
        sqlx::query("UPDATE objects SET body = ?, ref = ? WHERE kind = ? AND id = ?")
            .bind(json)
            .bind(&k.reference)
            .bind(R::KIND)
            .bind(&k.id)
            .execute(self.tx())
            .await?;
        Ok(())
    }

    pub async fn delete(&mut self, kind: &str, id: &str) -> AppResult<bool> {
        let r = sqlx::query("DELETE FROM objects WHERE kind = ? AND id = ?").bind(kind).bind(id).execute(self.tx()).await?;
        Ok(r.rows_affected() > 0)
    }

    /// One page of a kind (optionally under a parent), in creation order, after `after_seq`.
    pub async fn list<T: DeserializeOwned>(
        &mut self,
        kind: &str,
        parent: Option<&str>,
        after_seq: i64,
        limit: i64,
    ) -> AppResult<Listed<T>> {
        let (rows, total) = match parent {
            Some(p) => {
                let rows = sqlx::query("SELECT seq, body FROM objects WHERE kind = ? AND parent = ? AND seq > ? ORDER BY seq LIMIT ?")
                    .bind(kind)
                    .bind(p)
                    .bind(after_seq)
                    .bind(limit + 1)
                    .fetch_all(self.tx())
                    .await?;
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM objects WHERE kind = ? AND parent = ?")
                    .bind(kind)
                    .bind(p)
                    .fetch_one(self.tx())
                    .await?;
                (rows, total)
            }
            None => {
                let rows = sqlx::query("SELECT seq, body FROM objects WHERE kind = ? AND seq > ? ORDER BY seq LIMIT ?")
                    .bind(kind)
                    .bind(after_seq)
                    .bind(limit + 1)
                    .fetch_all(self.tx())
                    .await?;
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM objects WHERE kind = ?").bind(kind).fetch_one(self.tx()).await?;
                (rows, total)
            }
        };
        let has_more = rows.len() as i64 > limit;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows.into_iter().take(limit as usize) {
            out.push(Row2 { seq: r.get(0), body: serde_json::from_str(r.get::<&str, _>(1))? });
        }
        Ok(Listed { rows: out, total, has_more })
    }

    /// The `seq` a "previous page" cursor should carry for a page that starts after `after_seq`.
    pub async fn previous_seq(&mut self, kind: &str, parent: Option<&str>, after_seq: i64, limit: i64) -> AppResult<Option<i64>> {
        if after_seq <= 0 {
            return Ok(None);
        }
        let seq: Option<i64> = match parent {
            Some(p) => {
                sqlx::query_scalar("SELECT seq FROM objects WHERE kind = ? AND parent = ? AND seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?")
                    .bind(kind)
                    .bind(p)
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_optional(self.tx())
                    .await?
            }
            None => {
                sqlx::query_scalar("SELECT seq FROM objects WHERE kind = ? AND seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?")
                    .bind(kind)
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_optional(self.tx())
                    .await?
            }
        };
        Ok(Some(seq.unwrap_or(0)))
    }

    /// Every object of a kind under a parent (small scopes only: a destination's filters, …).
    pub async fn children<T: DeserializeOwned>(&mut self, kind: &str, parent: &str) -> AppResult<Vec<T>> {
        let rows = sqlx::query("SELECT body FROM objects WHERE kind = ? AND parent = ? ORDER BY seq")
            .bind(kind)
            .bind(parent)
            .fetch_all(self.tx())
            .await?;
        rows.iter().map(|r| Ok(serde_json::from_str(r.get::<&str, _>(0))?)).collect()
    }

    /// Every object of a kind whose secondary key is `rf`.
    pub async fn by_ref<T: DeserializeOwned>(&mut self, kind: &str, rf: &str) -> AppResult<Vec<T>> {
        let rows = sqlx::query("SELECT body FROM objects WHERE kind = ? AND ref = ? ORDER BY seq")
            .bind(kind)
            .bind(rf)
            .fetch_all(self.tx())
            .await?;
        rows.iter().map(|r| Ok(serde_json::from_str(r.get::<&str, _>(0))?)).collect()
    }

    /// Every object of a kind (for whole-workspace scans of small kinds: labels, users by email).
    pub async fn all<T: DeserializeOwned>(&mut self, kind: &str) -> AppResult<Vec<T>> {
        let rows = sqlx::query("SELECT body FROM objects WHERE kind = ? ORDER BY seq").bind(kind).fetch_all(self.tx()).await?;
        rows.iter().map(|r| Ok(serde_json::from_str(r.get::<&str, _>(0))?)).collect()
    }

    /// The ids of objects of a kind whose `labels` hold `key:value`.
    pub async fn ids_with_label(&mut self, kind: &str, key: &str, value: &str) -> AppResult<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM objects WHERE kind = ? AND EXISTS (SELECT 1 FROM json_each(json_extract(body, '$.labels')) j \
             WHERE json_extract(j.value, '$.key') = ? AND json_extract(j.value, '$.value') = ?)",
        )
        .bind(kind)
        .bind(key)
        .bind(value)
        .fetch_all(self.tx())
        .await?)
    }

    /// Appends an audit event for the change this transaction makes.
    pub async fn audit(&mut self, event_type: &str, resource_type: &str, resource_id: &str, resource_name: &str) -> AppResult<()> {
        let actor = self.actor.clone().ok_or_else(|| {
            tracing::error!("audit event written from a read transaction");
            AppError::internal()
        })?;
        // Every event of one change shares its timestamp (a cascade's events too). Timestamps
        // are otherwise monotonic even if the wall clock steps back, unless a test asks for skew.
        let mut ts_ms = (self.now.unix_timestamp_nanos() / 1_000_000) as i64;
        if self.skew_ms > 0 {
            ts_ms -= rand::Rng::gen_range(&mut self.rng, 0..=self.skew_ms);
        } else {
            let last: Option<i64> = sqlx::query_scalar("SELECT MAX(ts_ms) FROM audit_events").fetch_one(self.tx()).await?;
            if let Some(l) = last {
                ts_ms = ts_ms.max(l);
            }
        }
        let ts = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ts_ms) * 1_000_000).unwrap_or(self.now);
        // Not from `self.rng`: how many events a change writes must not shift the ids of a seeded
        // workspace.
        let event_id = ids::ksuid(&mut rand::thread_rng());
        sqlx::query(
            "INSERT INTO audit_events (id, ts_ms, timestamp, type, actor, actor_email, resource_id, resource_type, resource_name) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(event_id)
        .bind(ts_ms)
        .bind(ids::rfc3339(ts))
        .bind(event_type)
        .bind(&actor.name)
        .bind(&actor.email)
        .bind(resource_id)
        .bind(resource_type)
        .bind(resource_name)
        .execute(self.tx())
        .await?;
        Ok(())
    }

    pub fn conn(&mut self) -> &mut sqlx::SqliteConnection {
        self.tx()
    }
}
