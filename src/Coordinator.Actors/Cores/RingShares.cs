namespace PairDb.Actors.Cores;

/// <summary>How much of the ring each node holds: the fraction of all positions whose preference list names it.</summary>
public static class RingShares
{
    private const double RingSize = 18446744073709551616.0;

    /// <summary>By node id, the fraction (0..1) of the ring for which the node is one of the first <paramref name="replicationFactor"/> replicas.</summary>
    public static Dictionary<string, double> Of(HashRing ring, int replicationFactor)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var range in ring.Ranges(replicationFactor))
        {
            // (Start, End] holds End - Start positions, wrapping; Start == End is the whole ring.
            var length = range.Range.IsWholeRing ? RingSize : unchecked(range.Range.End - range.Range.Start);
            foreach (var node in range.Replicas)
            {
                shares[node] = shares.GetValueOrDefault(node) + (length / RingSize);
            }
        }

        return shares;
    }
}
