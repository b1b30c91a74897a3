-- PairDB coordinator metadata, version 8: each storage node's database identity (docs/convergence.md, "A replica that
-- lost its data"). incarnation: the id the node's database was created with, as its health check last reported it
-- (NULL until a probe first saw one). rebuilding_since: when a probe found a different incarnation (the node lost its
-- data); NULL when the node is not being rebuilt.

ALTER TABLE storage_nodes ADD COLUMN IF NOT EXISTS incarnation TEXT;
ALTER TABLE storage_nodes ADD COLUMN IF NOT EXISTS rebuilding_since TIMESTAMPTZ;
