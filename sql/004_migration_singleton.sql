-- PairDB coordinator metadata, version 4: migrations run on one cluster singleton, whose progress is its
-- Akka.Persistence journal (its tables are created by the journal plugin, docs/configuration.md,
-- Migration journal). No lease, no task checkpoints here:
-- the migrations table keeps the operator-visible record; owner_id stays as which coordinator runs it.

ALTER TABLE migrations DROP COLUMN IF EXISTS lease_until;
DROP TABLE IF EXISTS migration_tasks;
