using System.Runtime.CompilerServices;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Migration;

/// <summary>
/// Storage nodes as dictionaries: reads, writes, repairs, scans, counts, purges, digests and collection (an empty
/// tenant in a range call means every tenant, as on a storage node); a node can be made to fail,
/// scans can be held at a gate, and every copy a node receives is counted.
/// </summary>
public sealed class InMemoryStorage : IReplicaClient, IRangeClient
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<(string Tenant, string Key), IReadOnlyList<VersionedValue>>> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string Tenant, string Key), int> _copies = [];

    /// <summary>Nodes whose every call fails.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>Every range scan passes this gate before it reads (none: scans run freely).</summary>
    public Gate? ScanGate { get; set; }

    /// <summary>How many writes and repairs each key of <paramref name="tenant"/> received on <paramref name="node"/>.</summary>
    public IReadOnlyDictionary<string, int> Copies(string node, string tenant)
    {
        lock (_lock)
        {
            return _copies.Where(c => c.Key.Node == node && c.Key.Tenant == tenant).ToDictionary(c => c.Key.Key, c => c.Value, StringComparer.Ordinal);
        }
    }

    public void Put(string node, string tenant, string key, VersionedValue version)
    {
        lock (_lock)
        {
            Data(node)[(tenant, key)] = [version];
        }
    }

    public IReadOnlySet<string> Keys(string node, string tenant)
    {
        lock (_lock)
        {
            return Data(node).Keys.Where(k => k.Tenant == tenant).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        }
    }

    public Task<ReplicaReadReply> ReadAsync(StorageNode node, string tenantId, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Failing.Contains(node.NodeId) ? ReplicaReadReply.Failed(node.NodeId)
                : Data(node.NodeId).TryGetValue((tenantId, key), out var versions) ? ReplicaReadReply.Found(node.NodeId, [.. versions])
                : ReplicaReadReply.NotFound(node.NodeId));
        }
    }

    public Task<ReplicaWriteResult> WriteAsync(StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken) =>
        RepairAsync(node, tenantId, key, [version], timeout, cancellationToken);

    public Task<ReplicaWriteResult> WriteIfDominatesAsync(StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!Failing.Contains(node.NodeId)
                && Data(node.NodeId).TryGetValue((tenantId, key), out var stored) && !SiblingSet.DominatesAll(stored, version))
            {
                return Task.FromResult(ReplicaWriteResult.Conflict(node.NodeId, stored));
            }
        }

        return RepairAsync(node, tenantId, key, [version], timeout, cancellationToken);
    }

    public Task<ReplicaWriteResult> RepairAsync(
        StorageNode node, string tenantId, string key, IReadOnlyList<VersionedValue> versions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Failing.Contains(node.NodeId))
            {
                return Task.FromResult(ReplicaWriteResult.Failure(node.NodeId, "UNAVAILABLE: down"));
            }

            Data(node.NodeId)[(tenantId, key)] = versions;
            _copies[(node.NodeId, tenantId, key)] = _copies.GetValueOrDefault((node.NodeId, tenantId, key)) + 1;
            return Task.FromResult(ReplicaWriteResult.Success(node.NodeId));
        }
    }

    public Task<ReplicaHealth> CheckHealthAsync(StorageNode node, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(Failing.Contains(node.NodeId)
            ? new ReplicaHealth(node.NodeId, false, false, 0, 0f, "UNAVAILABLE: down")
            : new ReplicaHealth(node.NodeId, true, true, 0, 0f, "ok"));

    public async IAsyncEnumerable<IReadOnlyList<RangeRecord>> ScanAsync(
        StorageNode node, string tenantId, ulong start, ulong end, int batchSize, TimeSpan idleTimeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (ScanGate is { } gate)
        {
            await gate.PassAsync(cancellationToken);
        }

        yield return Select(node.NodeId, tenantId, start, end).Select(k => new RangeRecord(k.Key.Tenant, k.Key.Key, k.Value)).ToArray();
    }

    public Task<long> CountAsync(StorageNode node, string tenantId, ulong start, ulong end, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult((long)Select(node.NodeId, tenantId, start, end).Count);

    public Task<long> PurgeAsync(StorageNode node, string tenantId, ulong start, ulong end, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var doomed = Select(node.NodeId, tenantId, start, end);
            foreach (var pair in doomed)
            {
                Data(node.NodeId).Remove(pair.Key);
            }

            return Task.FromResult((long)doomed.Count);
        }
    }

    /// <summary>Digests as a storage node computes them, with in-process hashes (every replica here lives in one process).</summary>
    public Task<IReadOnlyList<LeafDigest>> DigestAsync(
        StorageNode node, RingRange range, IReadOnlyList<string> tenantIds, int leaves, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var digests = new LeafDigest[RingLeaves.Count(range, leaves)];
            foreach (var pair in Select(node.NodeId, "", range.Start, range.End).Where(p => tenantIds.Contains(p.Key.Tenant)))
            {
                // Key and versions mixed in one hash (order of versions aside), as a storage node does: XOR across keys
                // must not cancel two keys that differ the same way.
                var combined = new HashCode();
                combined.Add(pair.Key.Tenant);
                combined.Add(pair.Key.Key);
                foreach (var versionHash in pair.Value.Select(v => v.GetHashCode()).Order())
                {
                    combined.Add(versionHash);
                }

                var hash = (ulong)(uint)combined.ToHashCode() << 32 | (uint)HashCode.Combine(pair.Key.Key, combined.ToHashCode());

                var index = RingLeaves.IndexOf(range, leaves, RingPositions.Compute(pair.Key.Tenant, pair.Key.Key));
                digests[index] = new LeafDigest(digests[index].Hash ^ hash, digests[index].Keys + 1);
            }

            return Task.FromResult<IReadOnlyList<LeafDigest>>(digests);
        }
    }

    /// <summary>Collects by the storage node's rule: expired versions at or before the cutoff, and keys of tombstones all stamped at or before it.</summary>
    public Task<long> CollectTombstonesAsync(
        StorageNode node, RingRange range, IReadOnlyList<string> tenantIds, long cutoffMicros, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            long removed = 0;
            foreach (var pair in Select(node.NodeId, "", range.Start, range.End).Where(p => tenantIds.Contains(p.Key.Tenant)))
            {
                var kept = pair.Value.Where(v => v.ExpiresAtMicros == 0 || v.ExpiresAtMicros > cutoffMicros).ToList();
                if (kept.Count == 0 || kept.All(v => v.Tombstone && v.TimestampMicros <= cutoffMicros))
                {
                    Data(node.NodeId).Remove(pair.Key);
                    removed++;
                }
                else if (kept.Count < pair.Value.Count)
                {
                    Data(node.NodeId)[pair.Key] = kept;
                }
            }

            Collected += removed;
            return Task.FromResult(removed);
        }
    }

    /// <summary>Keys removed by CollectTombstones on every node.</summary>
    public long Collected { get; private set; }

    /// <summary>Every version <paramref name="node"/> holds of the key (empty when none).</summary>
    public IReadOnlyList<VersionedValue> Versions(string node, string tenant, string key)
    {
        lock (_lock)
        {
            return Data(node).TryGetValue((tenant, key), out var versions) ? versions : [];
        }
    }

    private List<KeyValuePair<(string Tenant, string Key), IReadOnlyList<VersionedValue>>> Select(string node, string tenant, ulong start, ulong end)
    {
        lock (_lock)
        {
            if (Failing.Contains(node))
            {
                throw new RangeCallException($"{node} is down");
            }

            return [.. Data(node).Where(pair => (tenant.Length == 0 || pair.Key.Tenant == tenant) && Contains(start, end, RingPositions.Compute(pair.Key.Tenant, pair.Key.Key)))];
        }
    }

    private static bool Contains(ulong start, ulong end, ulong position) => new RingRange(start, end).Contains(position);

    private Dictionary<(string Tenant, string Key), IReadOnlyList<VersionedValue>> Data(string node)
    {
        if (!_nodes.TryGetValue(node, out var data))
        {
            _nodes[node] = data = [];
        }

        return data;
    }
}
