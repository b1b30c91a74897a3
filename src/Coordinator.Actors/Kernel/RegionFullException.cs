namespace PairDb.Actors.Kernel;

/// <summary>
/// A shard region refused a message at once: it holds its bound of live entities and none could be
/// passivated (maps to RESOURCE_EXHAUSTED at the edge).
/// </summary>
public sealed class RegionFullException : InvalidOperationException
{
    public RegionFullException(string path, long maxLiveEntities)
        : base($"Shard region {path} holds its maximum of {maxLiveEntities} live entities and none is idle; request refused.")
    {
        Path = path;
        MaxLiveEntities = maxLiveEntities;
    }

    /// <summary>The refusing region.</summary>
    public string Path { get; }

    /// <summary>Its live-entity bound.</summary>
    public long MaxLiveEntities { get; }
}
