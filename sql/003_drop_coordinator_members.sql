-- PairDB coordinator metadata, version 3: coordinator membership belongs to the coordinators' Akka.NET cluster.
-- coordinator_members (version 1) was never written by any coordinator. hints stays: hinted handoff will use it.

DROP TABLE IF EXISTS coordinator_members;
