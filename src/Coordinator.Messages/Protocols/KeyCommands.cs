using PairDb.Messages.Values;

namespace PairDb.Messages.Protocols;

/// <summary>
/// A write or delete of one key, routed by the shard region to the key's actor, which serialises them.
/// <paramref name="IdempotencyKey"/> is the client's (recorded and replayed) or, when
/// <paramref name="ClientIdempotencyKey"/> is false, one the edge generated (returned, not recorded).
/// <paramref name="Context"/> is the clock the client read (null: a blind write that supersedes every known version);
/// <paramref name="IfClock"/> and <paramref name="IfAbsent"/> are conditions the key's writer decides (at most one, and
/// never with a context); <paramref name="TtlMillis"/> is the time to live (0: none).
/// </summary>
public sealed record WriteKey(
    string TenantId,
    string Key,
    ReadOnlyMemory<byte> Value,
    bool Tombstone,
    Consistency Consistency,
    int ReplicationFactor,
    string IdempotencyKey,
    bool ClientIdempotencyKey,
    DateTime DeadlineUtc,
    VectorClock? Context = null,
    VectorClock? IfClock = null,
    bool IfAbsent = false,
    long TtlMillis = 0) : IWithTenantKey;

/// <summary>A read of one key at a consistency level (not routed through the key actor).</summary>
public sealed record ReadKey(
    string TenantId,
    string Key,
    Consistency Consistency,
    int ReplicationFactor,
    DateTime DeadlineUtc) : IWithTenantKey;
