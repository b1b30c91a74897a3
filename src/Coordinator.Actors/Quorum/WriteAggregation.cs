using PairDb.Messages.Values;

namespace PairDb.Actors.Quorum;

/// <summary>
/// What one write aggregator does: store <paramref name="Version"/> on these replicas until W acknowledged, and also
/// on <paramref name="Extras"/> (future replicas of a running migration), whose answers do not count toward W. With
/// <paramref name="IfDominates"/> the replicas get a conditional write (extras never do).
/// </summary>
public sealed record WriteAggregation(
    string TenantId,
    string Key,
    StorageNode[] Replicas,
    int Required,
    VersionedValue Version,
    DateTime DeadlineUtc,
    StorageNode[]? Extras = null,
    bool IfDominates = false);
