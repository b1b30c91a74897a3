using PairDb.Protocol.Coordinator;

namespace PairDb.Client.Internal;

/// <summary>Between the wire messages of coordinator.proto and the client's types.</summary>
internal static class ProtoMapping
{
    public static PairDbClock ToClock(VectorClock? clock) =>
        clock is null || clock.Entries.Count == 0
            ? PairDbClock.Empty
            : new PairDbClock(clock.Entries.Select(static e => KeyValuePair.Create(e.CoordinatorNodeId, e.LogicalTimestamp)));

    public static VectorClock? ToProto(PairDbClock? clock)
    {
        if (clock is null)
        {
            return null;
        }

        var proto = new VectorClock();
        foreach (var (node, counter) in clock.Entries)
        {
            proto.Entries.Add(new VectorClockEntry { CoordinatorNodeId = node, LogicalTimestamp = counter });
        }

        return proto;
    }

    public static string Name(PairDbConsistency consistency) => consistency switch
    {
        PairDbConsistency.One => "one",
        PairDbConsistency.Quorum => "quorum",
        PairDbConsistency.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(consistency), consistency, "One, Quorum or All."),
    };

    /// <summary>Whole milliseconds, rounded up so a positive time to live never becomes 0 (never expires); null is 0.</summary>
    public static long TtlMillis(TimeSpan? ttl)
    {
        if (ttl is not { } value)
        {
            return 0;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, "TimeToLive");
        return (long)Math.Ceiling(value.TotalMilliseconds);
    }

    public static PairDbReadResult ToResult(ReadKeyValueResponse response) => new(
        response.Key,
        response.Value.ToByteArray(),
        ToClock(response.VectorClock),
        [.. response.Siblings.Select(static s => new PairDbSibling(
            s.Value.ToByteArray(), ToClock(s.VectorClock), FromMicros(s.TimestampMicros), s.CoordinatorNodeId, s.Tombstone, Expiry(s.ExpiresAtMicros)))],
        FromMicros(response.TimestampMicros),
        Expiry(response.ExpiresAtMicros));

    public static PairDbWriteResult ToResult(WriteKeyValueResponse response) => new(
        response.Key, response.IdempotencyKey, ToClock(response.VectorClock), response.ReplicaCount, response.Consistency, response.IsDuplicate);

    public static PairDbWriteResult ToResult(DeleteKeyValueResponse response) => new(
        response.Key, response.IdempotencyKey, ToClock(response.VectorClock), response.ReplicaCount, response.Consistency, response.IsDuplicate);

    public static PairDbTenant ToTenant(string tenantId, int replicationFactor, long createdAt, long updatedAt) => new(
        tenantId, replicationFactor, DateTimeOffset.FromUnixTimeSeconds(createdAt), DateTimeOffset.FromUnixTimeSeconds(updatedAt));

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * (TimeSpan.TicksPerMillisecond / 1000));

    private static DateTimeOffset? Expiry(long micros) => micros == 0 ? null : FromMicros(micros);
}
