-- PairDB coordinator metadata, version 9: anti-entropy progress (docs/convergence.md). One row for the scheduler's
-- current pass over the ring, and one per range it syncs (a ring arc of one replication factor; positions are the
-- unsigned 64-bit ring positions stored as their two's-complement BIGINT). synced_at is the start of the last sync that
-- found the range's replicas in agreement; a range with no row was never attempted.

CREATE TABLE IF NOT EXISTS repair_pass (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    number BIGINT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    last_full_started_at TIMESTAMPTZ,
    last_full_completed_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS repair_ranges (
    replication_factor INTEGER NOT NULL,
    range_start BIGINT NOT NULL,
    range_end BIGINT NOT NULL,
    replicas TEXT NOT NULL,
    synced_at TIMESTAMPTZ,
    attempted_at TIMESTAMPTZ NOT NULL,
    keys_read BIGINT NOT NULL,
    keys_repaired BIGINT NOT NULL,
    tombstones_collected BIGINT NOT NULL,
    last_error TEXT,
    PRIMARY KEY (replication_factor, range_start, range_end)
);
