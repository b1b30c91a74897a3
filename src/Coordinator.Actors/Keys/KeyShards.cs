using Akka.Actor;
using Akka.Cluster.Sharding;

namespace PairDb.Actors.Keys;

/// <summary>
/// Where a (tenant, key) lives in the cluster: its entity id (<c>tenant:key</c>; tenant ids never contain ':') and
/// its shard, a stable hash of the two. The shard count is fixed for the life of a cluster (changing it moves every
/// key): 100 gives about ten shards per coordinator up to ten coordinators, enough to spread load evenly.
/// </summary>
public static class KeyShards
{
    public const int ShardCount = 100;

    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "keys";

    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static string EntityId(string tenantId, string key) => tenantId + ":" + key;

    /// <summary>The shard of an entity id made by <see cref="EntityId"/>.</summary>
    public static int ShardOf(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var colon = entityId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? throw new ArgumentException($"'{entityId}' is not a key entity id (tenant:key).", nameof(entityId))
            : ShardOf(entityId[..colon], entityId[(colon + 1)..]);
    }

    /// <summary>
    /// 64-bit FNV-1a over the UTF-8 bytes of <c>tenant:key</c>, modulo the shard count: stable across processes and
    /// runs (string.GetHashCode is randomised per process), so every coordinator places a key in the same shard.
    /// </summary>
    public static int ShardOf(string tenantId, string key, int shardCount = ShardCount)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount);
        var hash = Append(OffsetBasis, tenantId);
        hash = (hash ^ ':') * Prime;
        hash = Append(hash, key);
        return (int)(hash % (ulong)shardCount);
    }

    /// <summary>
    /// Starts this node's key region: one <see cref="KeyActor"/> per live key, handed off and passivated with
    /// <see cref="StopKey"/> (answered only when idle), remember-entities off.
    /// </summary>
    public static IActorRef StartRegion(ActorSystem system, KeyActorServices services, int queueCapacity)
    {
        ArgumentNullException.ThrowIfNull(system);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRememberEntities(false);
        return sharding.Start(
            TypeName,
            KeyActor.Props(services, queueCapacity),
            settings,
            new KeyMessageExtractor(),
            sharding.DefaultShardAllocationStrategy(settings),
            StopKey.Instance);
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
