using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Hints;

/// <summary>Keep <paramref name="Version"/> of (tenant, key) for <paramref name="TargetNodeId"/>, which did not acknowledge it.</summary>
public sealed record StoreHint(string TargetNodeId, string TenantId, string Key, VersionedValue Version);

/// <summary>Timer tick: expire, drop hints of nodes that left, replay to nodes that are up.</summary>
internal sealed record HintTick;

/// <summary>An append batch was written (<paramref name="Error"/> null) or lost.</summary>
internal sealed record HintsAppended(IReadOnlyList<Hint> Batch, string? Error);

/// <summary>What one removal (expiry, delivery, a node's drop) deleted, or why it failed.</summary>
internal sealed record HintsRemoved(HintRemoval Why, IReadOnlyList<PendingHints> Removed, string? NodeId, string? Error);

/// <summary>Why hints were removed, for the counters.</summary>
internal enum HintRemoval
{
    Expired,
    Delivered,
    Dropped,
}

/// <summary>The next hints to replay to <paramref name="Node"/>, read from the store (empty when the read failed).</summary>
internal sealed record ReplayLoaded(StorageNode Node, IReadOnlyList<StoredHint> Hints);

/// <summary>The Repair calls of one replay batch came back: the ids the node acknowledged, and whether any failed.</summary>
internal sealed record ReplayAnswered(string NodeId, IReadOnlyList<long> Delivered, bool AnyFailed);

/// <summary>What the store held when the hint actor started (null when it could not be read).</summary>
internal sealed record PendingLoaded(IReadOnlyList<PendingHints>? Pending, string? Error);
