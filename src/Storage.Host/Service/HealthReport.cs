namespace PairDb.Storage.Service;

/// <summary>
/// A node's measured state: engine answering, data folder writable, disk space, what it stores, and the incarnation
/// of its database.
/// </summary>
public sealed record HealthReport(
    bool Healthy,
    string NodeId,
    string Status,
    bool EngineOpen,
    bool DataDirWritable,
    long FreeDiskBytes,
    float DiskUsagePercent,
    long KeysCount,
    long DataBytes,
    string Incarnation);
