using Google.Protobuf;
using PairDb.Actors.Ports;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Coordinator.Tests.Fuzz;

/// <summary>
/// What a refused call must leave as it was: every version of the checked keys on any storage node (read from each
/// node directly), and the tenant, storage node and migration records. Versions are compared as a union over the
/// nodes, because replicas legitimately converge after an earlier success (a late replica write, read repair): such
/// a change copies a version that already existed, while a refused call that wrote would add a new one.
/// </summary>
internal sealed class ClusterSnapshot
{
    private readonly Dictionary<(string Tenant, string Key), HashSet<ByteString>> _versions;
    private readonly string _records;

    private ClusterSnapshot(Dictionary<(string, string), HashSet<ByteString>> versions, string records)
    {
        _versions = versions;
        _records = records;
    }

    public static async Task<ClusterSnapshot> CaptureAsync(
        IMetadataStore metadata, IReadOnlyList<StorageNodeService.StorageNodeServiceClient> nodes, IReadOnlyCollection<(string Tenant, string Key)> keys)
    {
        var request = new ReadBatchRequest();
        foreach (var (tenant, key) in keys)
        {
            request.Reads.Add(new ReadRequest { TenantId = tenant, Key = key });
        }

        var versions = keys.Distinct().ToDictionary(static k => k, static _ => new HashSet<ByteString>());
        foreach (var node in nodes)
        {
            var reply = await node.ReadBatchAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));
            for (var i = 0; i < reply.Results.Count; i++)
            {
                foreach (var version in reply.Results[i].Response?.Versions ?? [])
                {
                    versions[(request.Reads[i].TenantId, request.Reads[i].Key)].Add(version.ToByteString());
                }
            }
        }

        var tenants = (await metadata.ListTenantsAsync(CancellationToken.None)).Select(static t => t.TenantId).Order(StringComparer.Ordinal);
        var members = (await metadata.ListStorageNodesAsync(CancellationToken.None))
            .Select(static n => $"{n.NodeId}@{n.Host}:{n.Port}/{n.VirtualNodes}").Order(StringComparer.Ordinal);
        var migrations = (await metadata.ListMigrationsAsync(activeOnly: false, CancellationToken.None)).Select(static m => m.Id).Order(StringComparer.Ordinal);
        return new ClusterSnapshot(versions, $"tenants [{string.Join(", ", tenants)}]; nodes [{string.Join(", ", members)}]; migrations [{string.Join(", ", migrations)}]");
    }

    /// <summary>What changed from <paramref name="before"/> that only a write could have changed; null when nothing did.</summary>
    public string? ChangedSince(ClusterSnapshot before)
    {
        if (_records != before._records)
        {
            return $"records changed from {before._records} to {_records}";
        }

        foreach (var (key, earlier) in before._versions)
        {
            var now = _versions[key];
            var added = now.Where(v => !earlier.Contains(v)).ToList();
            if (added.Count > 0)
            {
                return $"{key.Tenant}/{key.Key} gained a version: {Version.Parser.ParseFrom(added[0])}";
            }

            var lost = earlier.Where(v => !now.Contains(v) && !now.Any(w => Descends(w, v))).ToList();
            if (lost.Count > 0)
            {
                return $"{key.Tenant}/{key.Key} lost a version no stored version descends from: {Version.Parser.ParseFrom(lost[0])}";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="later"/>'s clock is at least <paramref name="earlier"/>'s in every entry.</summary>
    private static bool Descends(ByteString later, ByteString earlier)
    {
        var clock = Version.Parser.ParseFrom(later).Clock.ToDictionary(static e => e.NodeId, static e => e.Counter);
        return Version.Parser.ParseFrom(earlier).Clock.All(e => clock.GetValueOrDefault(e.NodeId) >= e.Counter);
    }
}
