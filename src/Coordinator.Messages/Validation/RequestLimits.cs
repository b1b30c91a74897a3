namespace PairDb.Messages.Validation;

/// <summary>The documented request limits, the same at the coordinator's edge and on every storage node.</summary>
public static class RequestLimits
{
    /// <summary>Longest tenant id, in UTF-8 bytes.</summary>
    public const int MaxTenantIdBytes = 256;

    /// <summary>Longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Largest value when none is configured: 1 MiB.</summary>
    public const int DefaultMaxValueBytes = 1024 * 1024;

    /// <summary>Longest time to live of a write when none is configured: 20 years of 365 days (Cassandra's maximum TTL).</summary>
    public static readonly TimeSpan DefaultMaxTtl = TimeSpan.FromDays(20 * 365);

    /// <summary>Room beside one value in a message: key, tenant, clock, stamp and protobuf and gRPC framing.</summary>
    public const int MessageOverheadBytes = 64 * 1024;

    /// <summary>Most request bytes a batch call to a storage node carries when none is configured: 4 MiB.</summary>
    public const int DefaultMaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>How many calls' worth of bytes a message carrying a key's sibling versions may take (a read answer, a repair, a scan batch).</summary>
    public const int VersionsMessageFactor = 4;

    /// <summary>Highest replication factor a tenant may have.</summary>
    public const int MaxReplicationFactor = 10;

    /// <summary>Longest client idempotency key, in UTF-8 bytes.</summary>
    public const int MaxIdempotencyKeyBytes = 256;

    /// <summary>Longest node id in a vector clock entry or a version's stamp (a coordinator's id), in UTF-8 bytes.</summary>
    public const int MaxNodeIdBytes = 256;

    /// <summary>Most leaves a coordinator asks of one DigestRange call (anti_entropy.leaves is capped by it).</summary>
    public const int MaxDigestLeaves = 4096;

    /// <summary>Most tenants a coordinator names in one DigestRange or CollectTombstones call; larger groups take several calls.</summary>
    public const int MaxTenantsPerRangeCall = 1000;

    /// <summary>Largest message a client sends the coordinator: one value with its envelope.</summary>
    public static int MaxClientRequestBytes(int maxValueBytes) => checked(maxValueBytes + MessageOverheadBytes);

    /// <summary>
    /// Largest message one call between coordinator and storage node carries: one value with its envelope, or a batch
    /// of calls packed up to <paramref name="maxBatchBytes"/> (a single call always fits, whatever the batch bound).
    /// </summary>
    public static int MaxCallBytes(int maxValueBytes, int maxBatchBytes) => Math.Max(maxBatchBytes, MaxClientRequestBytes(maxValueBytes));

    /// <summary>
    /// The message limit of every link between coordinator and storage node, both ways, and of the coordinator's
    /// answers to clients: <see cref="VersionsMessageFactor"/> calls' worth, since a key may hold several sibling versions.
    /// </summary>
    public static int MaxMessageBytes(int maxValueBytes, int maxBatchBytes) => checked(VersionsMessageFactor * MaxCallBytes(maxValueBytes, maxBatchBytes));

    /// <summary>False when the limits derived from these settings would not fit a 32-bit message size.</summary>
    public static bool MessageLimitsFit(int maxValueBytes, int maxBatchBytes) =>
        maxValueBytes > 0 && maxBatchBytes > 0
        && (long)VersionsMessageFactor * Math.Max(maxBatchBytes, (long)maxValueBytes + MessageOverheadBytes) <= int.MaxValue;
}
