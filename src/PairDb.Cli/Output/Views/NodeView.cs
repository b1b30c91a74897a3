namespace PairDb.Cli.Output.Views;

/// <summary>
/// A storage node as ListStorageNodes reports it, with the hints the answering coordinator holds for it and since when
/// it is being rebuilt after losing its data (Unix seconds, 0 when it is not).
/// </summary>
public sealed record NodeView(
    string NodeId,
    string Host,
    int Port,
    string Status,
    int VirtualNodes,
    long KeysCount,
    double DiskUsagePercent,
    long PendingHints,
    long RebuildingSince);
