-- Every workspace object is one JSON document, addressed by (kind, id).
-- `parent` scopes objects that live under another one (filters under a destination, …);
-- `ref` is a secondary key used for lookups in the other direction (a destination's source, …).
-- `seq` orders lists and backs the opaque pagination cursors.
CREATE TABLE objects (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    parent  TEXT NOT NULL DEFAULT '',
    ref     TEXT NOT NULL DEFAULT '',
    body    TEXT NOT NULL,
    UNIQUE (kind, id)
);
CREATE INDEX objects_by_parent ON objects (kind, parent, seq);
CREATE INDEX objects_by_ref ON objects (kind, ref);

-- The change feed. `seq` is assigned inside the writing transaction; SQLite has one writer at a
-- time, so seq order is commit order and a reader paging by seq never misses an event.
CREATE TABLE audit_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    ts_ms         INTEGER NOT NULL,
    timestamp     TEXT NOT NULL,
    type          TEXT NOT NULL,
    actor         TEXT NOT NULL,
    actor_email   TEXT,
    resource_id   TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_name TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit_events (ts_ms);
CREATE INDEX audit_by_resource ON audit_events (resource_id);

CREATE TABLE tokens (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    scope      TEXT NOT NULL CHECK (scope IN ('admin', 'read')),
    email      TEXT,
    hash       BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
    token_id     TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    status       INTEGER NOT NULL,
    body         BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (token_id, key)
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
