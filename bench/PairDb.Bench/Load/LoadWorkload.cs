namespace PairDb.Bench.Load;

/// <summary>What the load generator's workers do.</summary>
public enum LoadWorkload
{
    Write,
    Read,

    /// <summary>Half reads, half writes.</summary>
    Mixed,

    /// <summary>BatchWrite calls of --batch-size distinct keys each (a PairDB coordinator only).</summary>
    BatchWrite,

    /// <summary>BatchRead calls of --batch-size distinct keys each (a PairDB coordinator only).</summary>
    BatchRead,
}
