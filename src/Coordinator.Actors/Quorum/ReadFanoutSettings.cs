namespace PairDb.Actors.Quorum;

/// <summary>
/// How many replicas a read asks (<see cref="Cores.ReadFanout"/>): one more each time <paramref name="SpeculativeRetry"/>
/// passes undecided, and all N at once for a share <paramref name="FullReadChance"/> (0..1) of reads, so read repair
/// compares every replica; where those reads are counted.
/// </summary>
public sealed record ReadFanoutSettings(TimeSpan SpeculativeRetry, double FullReadChance, ReadCounters Counters)
{
    /// <summary>The full-read draw, a number in [0, 1): shared and thread-safe by default, replaceable so tests are deterministic.</summary>
    public Func<double> Draw { get; init; } = Random.Shared.NextDouble;
}
