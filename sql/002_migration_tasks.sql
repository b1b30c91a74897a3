-- PairDB coordinator metadata, version 2: what a resumable migration needs.
-- migration_ranges (version 1) was never written by any coordinator; per-task checkpoints replace it.

DROP TABLE IF EXISTS migration_ranges;

ALTER TABLE migrations ADD COLUMN IF NOT EXISTS tenant_id          TEXT        NOT NULL DEFAULT '';
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS previous_replication_factor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS replication_factor INTEGER     NOT NULL DEFAULT 0;
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS finished_at        TIMESTAMPTZ;
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS switched_at        TIMESTAMPTZ;
-- The coordinator running it, and until when; another one takes over only after the lease expired.
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS owner_id           TEXT;
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS lease_until        TIMESTAMPTZ;
-- 1 while pending or in progress, NULL once finished: the unique constraint allows one active migration.
ALTER TABLE migrations ADD COLUMN IF NOT EXISTS active_slot        SMALLINT UNIQUE;

CREATE TABLE IF NOT EXISTS migration_tasks (
    migration_id TEXT        NOT NULL REFERENCES migrations (id) ON DELETE CASCADE,
    -- tenant/start/end/target of a range copy, or tenant/start/end/-node of a purge.
    task_id      TEXT        NOT NULL,
    keys_copied  BIGINT      NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (migration_id, task_id)
);
