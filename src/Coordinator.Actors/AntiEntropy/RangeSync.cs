using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Ring;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Actors.AntiEntropy;

/// <summary>
/// Syncs one range: asks every replica for the digests of the range's leaves, descends into each leaf the replicas
/// disagree on (digesting it again, cut into leaves, while it holds more than the scan threshold), scans the differing
/// leaves on every replica and repairs each key to the replicas that lack some of its merged versions
/// (<see cref="RangeReconciliation"/>). Once every difference is repaired, the replicas hold the same versions of
/// everything written before the sync started, so each is told to collect the tombstones and expired versions older
/// than the start less the grace. Any failed call fails the range (nothing is collected), and so does a ring that
/// changed while the range was compared (a membership or replication-factor change began, the members changed, or a
/// replica went down): a node taking the range over may be copying it from a replica the sync had not yet repaired,
/// and collecting the tombstones then could leave it the only holder of a deleted key's old value.
/// </summary>
internal sealed class RangeSync
{
    private readonly AntiEntropyServices _services;
    private readonly AntiEntropySettings _settings;

    public RangeSync(AntiEntropyServices services, AntiEntropySettings settings)
    {
        _services = services;
        _settings = settings;
    }

    public async Task<RangeSyncOutcome> RunAsync(RepairWorkItem item, RingSnapshot ring, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var nodes = new List<StorageNode>(item.Replicas.Count);
        foreach (var id in item.Replicas)
        {
            if (ring.Find(id) is not { } node)
            {
                return new RangeSyncOutcome(RangeSyncStatus.Skipped, 0, 0, 0, $"storage node {id} is not in the ring");
            }

            if (ring.IsDown(id))
            {
                return new RangeSyncOutcome(RangeSyncStatus.Skipped, 0, 0, 0, $"storage node {id} is down");
            }

            nodes.Add(node);
        }

        var tally = new Tally();
        try
        {
            var chunks = item.TenantIds.Chunk(_settings.TenantsPerCall).ToList();
            foreach (var tenants in chunks)
            {
                await CompareAsync(nodes, item.Range, tenants, 0, tally, cancellationToken);
            }

            if (RingChangedSince(ring, item) is { } change)
            {
                return new RangeSyncOutcome(RangeSyncStatus.Failed, tally.Read, tally.Repaired, 0, change + " while the range was compared; nothing was collected");
            }

            var cutoff = (startedAt - _settings.TombstoneGrace).ToUnixTimeMilliseconds() * 1000;
            foreach (var node in nodes)
            {
                foreach (var tenants in chunks)
                {
                    tally.Collected += await _services.Ranges.CollectTombstonesAsync(node, item.Range, tenants, cutoff, _settings.CallTimeout, cancellationToken);
                }
            }

            return new RangeSyncOutcome(RangeSyncStatus.Synced, tally.Read, tally.Repaired, tally.Collected, null);
        }
        catch (RangeCallException ex)
        {
            return new RangeSyncOutcome(RangeSyncStatus.Failed, tally.Read, tally.Repaired, tally.Collected, ex.Message);
        }
    }

    /// <summary>Why the current ring no longer is the one the sync of <paramref name="item"/> began with, or null when it still is.</summary>
    private string? RingChangedSince(RingSnapshot started, RepairWorkItem item)
    {
        var current = _services.Ring();
        if (current.PendingRing is not null || current.PendingFactors.Count > 0)
        {
            return "a membership or replication-factor change began";
        }

        if (current.Nodes.Count != started.Nodes.Count || !current.Nodes.All(node => started.Find(node.NodeId) == node))
        {
            return "the storage nodes changed";
        }

        return item.Replicas.FirstOrDefault(current.IsDown) is { } down ? $"storage node {down} went down" : null;
    }

    private async Task CompareAsync(IReadOnlyList<StorageNode> nodes, RingRange range, string[] tenants, int depth, Tally tally, CancellationToken cancellationToken)
    {
        var digests = await Task.WhenAll(nodes.Select(node =>
            _services.Ranges.DigestAsync(node, range, tenants, _settings.Leaves, _settings.CallTimeout, cancellationToken)));
        foreach (var leaves in digests)
        {
            tally.Read += leaves.Sum(l => l.Keys);
        }

        IReadOnlyList<int> differing;
        try
        {
            differing = LeafComparison.Differing(digests);
        }
        catch (ArgumentException ex)
        {
            throw new RangeCallException(ex.Message, ex);
        }

        foreach (var index in differing)
        {
            var leaf = RingLeaves.Leaf(range, _settings.Leaves, index);
            if (LeafComparison.MostKeys(digests, index) > _settings.ScanThreshold && depth + 1 < _settings.MaxDepth && RingLeaves.Width(leaf) > 1)
            {
                await CompareAsync(nodes, leaf, tenants, depth + 1, tally, cancellationToken);
            }
            else
            {
                await ReconcileAsync(nodes, leaf, tenants, tally, cancellationToken);
            }
        }
    }

    private async Task ReconcileAsync(IReadOnlyList<StorageNode> nodes, RingRange leaf, string[] tenants, Tally tally, CancellationToken cancellationToken)
    {
        var wanted = tenants.ToHashSet(StringComparer.Ordinal);
        var scanTenant = tenants.Length == 1 ? tenants[0] : "";
        var scans = new Dictionary<string, IReadOnlyList<RangeRecord>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var records = new List<RangeRecord>();
            await foreach (var batch in _services.Ranges.ScanAsync(
                node, scanTenant, leaf.Start, leaf.End, _settings.ScanThreshold, _settings.CallTimeout, cancellationToken))
            {
                records.AddRange(batch.Where(r => wanted.Contains(r.TenantId)));
            }

            tally.Read += records.Count;
            scans[node.NodeId] = records;
        }

        var byId = nodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var repairs = RangeReconciliation.Plan(scans);
        await Parallel.ForEachAsync(
            repairs.SelectMany(r => r.Targets.Select(target => (Repair: r, Target: byId[target]))),
            new ParallelOptions { MaxDegreeOfParallelism = _settings.ParallelRepairs, CancellationToken = cancellationToken },
            async (work, token) =>
            {
                var result = await _services.Replicas.RepairAsync(work.Target, work.Repair.TenantId, work.Repair.Key, work.Repair.Versions, _settings.CallTimeout, token);
                if (!result.Ok)
                {
                    throw new RangeCallException($"Repairing a key on {work.Target.NodeId} failed: {result.Error}");
                }
            });
        tally.Repaired += repairs.Count;
    }

    /// <summary>What one sync did so far (kept when it fails halfway, for the range's record).</summary>
    private sealed class Tally
    {
        public long Read { get; set; }

        public long Repaired { get; set; }

        public long Collected { get; set; }
    }
}
