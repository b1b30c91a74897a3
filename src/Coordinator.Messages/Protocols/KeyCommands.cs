using PairDb.Messages.Values;

namespace PairDb.Messages.Protocols;

/// <summary>
/// A write or delete of one key, routed by the shard region to the key's actor, which serialises them.
/// <paramref name="IdempotencyKey"/> is the client's (recorded and replayed) or, when
/// <paramref name="ClientIdempotencyKey"/> is false, one the edge generated (returned, not recorded).
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
    DateTime DeadlineUtc) : IWithTenantKey;

/// <summary>A read of one key at a consistency level (not routed through the key actor).</summary>
public sealed record ReadKey(
    string TenantId,
    string Key,
    Consistency Consistency,
    int ReplicationFactor,
    DateTime DeadlineUtc) : IWithTenantKey;
