namespace PairDb.Rpc.Observability;

/// <summary>
/// A histogram series: upper bounds in increasing order and, per bucket, the observations that fell into it (not
/// cumulative; one more entry than bounds, the last counting observations above the highest bound).
/// </summary>
/// <param name="Bounds">Inclusive upper bounds ("le"), strictly increasing, finite.</param>
/// <param name="BucketCounts">Observations per bucket; <c>Bounds.Count + 1</c> entries.</param>
/// <param name="Sum">Sum of every observed value.</param>
public sealed record HistogramValue(IReadOnlyList<double> Bounds, IReadOnlyList<long> BucketCounts, double Sum)
{
    /// <summary>Every observation: the sum of the bucket counts (so _count always equals the +Inf bucket).</summary>
    public long Count
    {
        get
        {
            long count = 0;
            for (var i = 0; i < BucketCounts.Count; i++)
            {
                count += BucketCounts[i];
            }

            return count;
        }
    }
}
