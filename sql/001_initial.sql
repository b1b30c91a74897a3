-- PairDB coordinator metadata, version 1. Applied once per database by the coordinator at start (under an
-- advisory lock, recorded in schema_migrations); IF NOT EXISTS keeps a manual re-run harmless.
-- An applied migration is never edited: a change is a new file with the next number.

CREATE TABLE IF NOT EXISTS tenants (
    tenant_id          TEXT        PRIMARY KEY,
    replication_factor INTEGER     NOT NULL CHECK (replication_factor BETWEEN 1 AND 10),
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    -- Bumped by every change, for optimistic updates.
    version            BIGINT      NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS storage_nodes (
    node_id       TEXT        PRIMARY KEY,
    host          TEXT        NOT NULL,
    port          INTEGER     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    virtual_nodes INTEGER     NOT NULL CHECK (virtual_nodes > 0),
    status        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS migrations (
    id            TEXT        PRIMARY KEY,
    type          TEXT        NOT NULL,
    node_id       TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    phase         TEXT        NOT NULL,
    keys_migrated BIGINT      NOT NULL DEFAULT 0,
    total_keys    BIGINT      NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    error         TEXT
);

CREATE TABLE IF NOT EXISTS migration_ranges (
    migration_id TEXT   NOT NULL REFERENCES migrations (id) ON DELETE CASCADE,
    -- Ring positions are unsigned 64-bit; stored as NUMERIC so the whole range orders correctly.
    range_start  NUMERIC(20, 0) NOT NULL,
    range_end    NUMERIC(20, 0) NOT NULL,
    status       TEXT   NOT NULL,
    -- Last key moved in this range, so a restarted migration resumes after it.
    checkpoint   TEXT,
    PRIMARY KEY (migration_id, range_start)
);

CREATE TABLE IF NOT EXISTS hints (
    id             BIGSERIAL   PRIMARY KEY,
    target_node_id TEXT        NOT NULL,
    tenant_id      TEXT        NOT NULL,
    key            TEXT        NOT NULL,
    -- One encoded version (value, clock, timestamp, tombstone) to hand to the node when it is back.
    payload        BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_hints_target ON hints (target_node_id, id);

CREATE TABLE IF NOT EXISTS coordinator_members (
    node_id   TEXT        PRIMARY KEY,
    address   TEXT        NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL
);
