-- PairDB coordinator metadata, version 7: hints live on the coordinator that stamped the write (data_dir/hints.db,
-- docs/convergence.md), so the hints table of version 1, never written by any coordinator, goes.

DROP TABLE IF EXISTS hints;
