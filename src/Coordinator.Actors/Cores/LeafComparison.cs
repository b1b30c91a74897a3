using PairDb.Actors.Ports;

namespace PairDb.Actors.Cores;

/// <summary>Which leaves of a range the replicas disagree on: those whose hash or key count differs between any two.</summary>
public static class LeafComparison
{
    /// <summary>Indexes of the differing leaves, ascending; every replica must have answered the same number of leaves.</summary>
    public static IReadOnlyList<int> Differing(IReadOnlyList<IReadOnlyList<LeafDigest>> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        if (replicas.Count == 0)
        {
            return [];
        }

        var leaves = replicas[0].Count;
        for (var r = 1; r < replicas.Count; r++)
        {
            if (replicas[r].Count != leaves)
            {
                throw new ArgumentException($"Replicas answered {leaves} and {replicas[r].Count} leaves for the same range.", nameof(replicas));
            }
        }

        var differing = new List<int>();
        for (var i = 0; i < leaves; i++)
        {
            for (var r = 1; r < replicas.Count; r++)
            {
                if (replicas[r][i] != replicas[0][i])
                {
                    differing.Add(i);
                    break;
                }
            }
        }

        return differing;
    }

    /// <summary>The most keys any replica holds in leaf <paramref name="index"/>.</summary>
    public static long MostKeys(IReadOnlyList<IReadOnlyList<LeafDigest>> replicas, int index)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        long most = 0;
        foreach (var leaves in replicas)
        {
            most = Math.Max(most, leaves[index].Keys);
        }

        return most;
    }
}
