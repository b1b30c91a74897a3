namespace PairDb.Bench.Load;

/// <summary>
/// Latencies of one worker in a log-linear histogram (about 1% precision from 1 µs to ~70 s), so a long run
/// costs fixed memory; histograms of all workers are summed for percentiles.
/// </summary>
public sealed class LatencyRecorder
{
    private const int SubBuckets = 128;
    private const int Magnitudes = 27;
    private readonly long[] _counts = new long[SubBuckets * Magnitudes];

    public long Count { get; private set; }

    /// <summary>Records one latency in microseconds.</summary>
    public void Record(long micros)
    {
        var value = Math.Max(micros, 1);
        var magnitude = (int)Math.Max(0, 63 - long.LeadingZeroCount(value) - 6);
        var sub = (int)(value >> magnitude) & (SubBuckets - 1);
        _counts[Math.Min(magnitude, Magnitudes - 1) * SubBuckets + sub]++;
        Count++;
    }

    public void Add(LatencyRecorder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency (µs) below which <paramref name="percentile"/> percent of samples lie.</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var magnitude = i / SubBuckets;
                var sub = i % SubBuckets;
                return ((long)sub << magnitude) + ((1L << magnitude) / 2.0);
            }
        }

        return 0;
    }
}
