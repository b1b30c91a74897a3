using System.Globalization;
using Akka.Cluster.Sharding;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Keys;

/// <summary>The key region's extractor: a message naming a (tenant, key) goes, unchanged, to that key's actor.</summary>
public sealed class KeyMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) =>
        message is IWithTenantKey routed ? KeyShards.EntityId(routed.TenantId, routed.Key) : null;

    public object EntityMessage(object message) => message;

    public string? ShardId(object message) =>
        message is IWithTenantKey routed ? Shard(KeyShards.ShardOf(routed.TenantId, routed.Key)) : null;

    public string ShardId(string entityId, object? messageHint = null) => Shard(KeyShards.ShardOf(entityId));

    private static string Shard(int shard) => shard.ToString(CultureInfo.InvariantCulture);
}
