namespace PairDb.Actors.Cores;

/// <summary>
/// Compares the placement of every key before and after a change of ring or replication factor. The ring is cut
/// at every virtual-node position of both rings; inside one such segment both preference lists are constant, so
/// a segment's gainers (after minus before) need its data and its losers (before minus after) may drop it.
/// Adjacent segments with the same source set and the same gainer (or loser) are merged into one task.
/// </summary>
public static class MigrationPlanner
{
    public static MigrationPlan Plan(HashRing before, HashRing after, IReadOnlyList<TenantPlacement> tenants)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(tenants);
        var boundaries = Boundaries(before, after);
        var transfers = new List<RangeTransfer>();
        var cleanups = new List<RangeCleanup>();
        var byFactors = new Dictionary<(int, int), (List<RangeTransfer> Transfers, List<RangeCleanup> Cleanups)>();
        foreach (var tenant in tenants)
        {
            var factors = (tenant.ReplicationFactorBefore, tenant.ReplicationFactorAfter);
            if (!byFactors.TryGetValue(factors, out var template))
            {
                template = PlanFactors(before, after, boundaries, factors.ReplicationFactorBefore, factors.ReplicationFactorAfter);
                byFactors[factors] = template;
            }

            foreach (var t in template.Transfers)
            {
                transfers.Add(t with { TenantId = tenant.TenantId });
            }

            foreach (var c in template.Cleanups)
            {
                cleanups.Add(c with { TenantId = tenant.TenantId });
            }
        }

        return new MigrationPlan(transfers, cleanups);
    }

    /// <summary>Distinct vnode positions of both rings, ascending.</summary>
    private static ulong[] Boundaries(HashRing before, HashRing after)
    {
        var positions = new SortedSet<ulong>();
        foreach (var ring in new[] { before, after })
        {
            foreach (var range in ring.Ranges(1))
            {
                positions.Add(range.Range.End);
            }
        }

        return [.. positions];
    }

    private static (List<RangeTransfer>, List<RangeCleanup>) PlanFactors(HashRing before, HashRing after, ulong[] boundaries, int rfBefore, int rfAfter)
    {
        var transfers = new List<RangeTransfer>();
        var cleanups = new List<RangeCleanup>();
        var openTransfers = new Dictionary<string, RangeTransfer>(StringComparer.Ordinal);
        var openCleanups = new Dictionary<string, RangeCleanup>(StringComparer.Ordinal);
        for (var i = 0; i < boundaries.Length; i++)
        {
            var start = boundaries[i == 0 ? boundaries.Length - 1 : i - 1];
            var end = boundaries[i];
            var old = before.NodeCount == 0 ? [] : before.PreferenceList(end, rfBefore);
            var next = after.NodeCount == 0 ? [] : after.PreferenceList(end, rfAfter);
            var sources = Sorted(old);
            foreach (var gainer in Except(next, old))
            {
                if (openTransfers.TryGetValue(gainer, out var run) && run.End == start && SameNodes(run.Sources, sources))
                {
                    openTransfers[gainer] = run with { End = end };
                    continue;
                }

                if (run is not null)
                {
                    transfers.Add(run);
                }

                openTransfers[gainer] = new RangeTransfer(string.Empty, start, end, gainer, sources);
            }

            foreach (var loser in Except(old, next))
            {
                if (openCleanups.TryGetValue(loser, out var run) && run.End == start)
                {
                    openCleanups[loser] = run with { End = end };
                    continue;
                }

                if (run is not null)
                {
                    cleanups.Add(run);
                }

                openCleanups[loser] = new RangeCleanup(string.Empty, start, end, loser);
            }
        }

        transfers.AddRange(openTransfers.Values);
        cleanups.AddRange(openCleanups.Values);
        transfers.Sort(static (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : string.CompareOrdinal(x.Target, y.Target));
        cleanups.Sort(static (x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : string.CompareOrdinal(x.Node, y.Node));
        return (transfers, cleanups);
    }

    private static string[] Sorted(string[] nodes)
    {
        var copy = (string[])nodes.Clone();
        Array.Sort(copy, StringComparer.Ordinal);
        return copy;
    }

    private static List<string> Except(string[] nodes, string[] excluded)
    {
        var result = new List<string>(nodes.Length);
        foreach (var node in nodes)
        {
            if (Array.IndexOf(excluded, node) < 0)
            {
                result.Add(node);
            }
        }

        return result;
    }

    private static bool SameNodes(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
