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

    /// <summary>Highest replication factor a tenant may have.</summary>
    public const int MaxReplicationFactor = 10;

    /// <summary>Longest client idempotency key, in UTF-8 bytes.</summary>
    public const int MaxIdempotencyKeyBytes = 256;

    /// <summary>Longest node id in a vector clock entry or a version's stamp (a coordinator's id), in UTF-8 bytes.</summary>
    public const int MaxNodeIdBytes = 256;
}
