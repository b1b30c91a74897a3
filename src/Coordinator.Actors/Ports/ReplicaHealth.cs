namespace PairDb.Actors.Ports;

/// <summary>
/// What a storage node's health check said (or that it did not answer). <paramref name="Incarnation"/> is the id its
/// database was created with; empty when the node does not report one (an older node) or did not answer.
/// </summary>
public sealed record ReplicaHealth(string NodeId, bool Reachable, bool Healthy, long KeysCount, float DiskUsagePercent, string Detail, string Incarnation = "");
