namespace PairDb.Actors.Kernel;

/// <summary>
/// Stable shard of a (tenant, key): 64-bit FNV-1a over the UTF-8 bytes of <c>tenant:key</c>, modulo the shard count.
/// Stable across processes and runs, unlike string.GetHashCode, which is randomised per process;
/// every coordinator must place a key in the same shard.
/// </summary>
public static class ShardHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static int ShardOf(string tenantId, string key, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount);
        var hash = Append(OffsetBasis, tenantId);
        hash = (hash ^ ':') * Prime;
        hash = Append(hash, key);
        return (int)(hash % (ulong)shardCount);
    }

    private static ulong Append(ulong hash, string text)
    {
        // Rune by rune into a 4-byte buffer: no allocation, and lone surrogates become U+FFFD exactly as
        // Encoding.UTF8 would encode them.
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ utf8[i]) * Prime;
            }
        }

        return hash;
    }
}
