namespace PairDb.Storage.Engine;

/// <summary>
/// Where a chunked walk of ix_kv_ring resumes: strictly after (stored ring, tenant, key). The start of a segment is
/// (low, "", ""), since every stored tenant id is non-empty.
/// </summary>
internal readonly record struct RingCursor(long StoredRing, string Tenant, string Key)
{
    /// <summary>The cursor before every row at or above <paramref name="low"/>.</summary>
    public static RingCursor Before(long low) => new(low, string.Empty, string.Empty);
}
