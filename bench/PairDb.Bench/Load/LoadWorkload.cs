namespace PairDb.Bench.Load;

/// <summary>What the load generator's workers do.</summary>
public enum LoadWorkload
{
    Write,
    Read,

    /// <summary>Half reads, half writes.</summary>
    Mixed,
}
