namespace PairDb.Client;

/// <summary>One of a key's concurrent versions, as a read lists them when the replicas held more than one.</summary>
/// <param name="Value">The version's value (empty for a tombstone).</param>
/// <param name="Clock">The version's own clock.</param>
/// <param name="Timestamp">When its coordinator stamped it.</param>
/// <param name="CoordinatorNodeId">The coordinator that stamped it.</param>
/// <param name="IsTombstone">True when the version is a delete.</param>
/// <param name="ExpiresAt">When the version expires; null when it never does.</param>
public sealed record PairDbSibling(
    byte[] Value, PairDbClock Clock, DateTimeOffset Timestamp, string CoordinatorNodeId, bool IsTombstone, DateTimeOffset? ExpiresAt);
