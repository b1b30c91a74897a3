namespace PairDb.Storage.Service;

/// <summary>A node's measured state: engine answering, data folder writable, disk space, and what it stores.</summary>
public sealed record HealthReport(
    bool Healthy,
    string NodeId,
    string Status,
    bool EngineOpen,
    bool DataDirWritable,
    long FreeDiskBytes,
    float DiskUsagePercent,
    long KeysCount,
    long DataBytes);
