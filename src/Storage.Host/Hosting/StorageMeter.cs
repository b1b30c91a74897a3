namespace PairDb.Storage.Hosting;

/// <summary>The names a metrics host needs to collect storage engine instruments (see docs/storage.md, "Metrics and logs").</summary>
public static class StorageMeter
{
    /// <summary>Name of every storage engine's meter.</summary>
    public const string Name = "PairDb.Storage";

    /// <summary>The meter tag, and so the label, naming the node.</summary>
    public const string NodeTag = "node";
}
