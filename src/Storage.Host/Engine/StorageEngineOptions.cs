using PairDb.Storage.Hosting;

namespace PairDb.Storage.Engine;

/// <summary>Engine settings: where the data lives, how durable a commit is, and the bounds on memory and batching.</summary>
public sealed record StorageEngineOptions
{
    /// <summary>File name of the database inside <see cref="DataDirectory"/>.</summary>
    public const string DatabaseFileName = "storage.db";

    /// <summary>Default of <see cref="WalCheckpointPages"/>: about 10 MiB of WAL with the default page size.</summary>
    public const int DefaultWalCheckpointPages = 10_000;

    /// <summary>
    /// Default of <see cref="PageSizeBytes"/>. Smaller than SQLite's 4096: a write dirties a page wherever its key
    /// falls (its row's, and for a new key a leaf of each index), and the WAL receives every dirtied page whole, so
    /// 1 KiB pages append about a quarter of the bytes per write (docs/storage.md, "Memory bounds").
    /// </summary>
    public const int DefaultPageSizeBytes = 1024;

    /// <summary>
    /// Default of <see cref="MaxBatchSize"/> in <see cref="DurabilityMode.Os"/> mode. Such a commit costs little beyond
    /// the pages it writes, so a large batch buys nothing and holds back the acknowledgement of every write in it:
    /// the callers' next requests then arrive in one burst while the writer waits. Smaller batches keep the writer
    /// and the request threads overlapping (docs/storage.md, "Write path").
    /// </summary>
    public const int DefaultOsBatchSize = 32;

    /// <summary>
    /// Default of <see cref="MaxBatchSize"/> in <see cref="DurabilityMode.Fsync"/> mode, where every commit waits for
    /// the disk to flush: on a disk whose flush takes milliseconds, a cap below the number of concurrent writers would
    /// divide the write rate by how many flushes it takes to commit them.
    /// </summary>
    public const int DefaultFsyncBatchSize = 256;

    /// <summary>The node's id, the node label of the engine's metrics.</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary>Folder holding the SQLite database (created when missing).</summary>
    public required string DataDirectory { get; init; }

    public DurabilityMode Durability { get; init; } = DurabilityMode.Fsync;

    /// <summary>Most versions one key may hold; a merge that would exceed it is refused.</summary>
    public int MaxSiblings { get; init; } = 100;

    /// <summary>
    /// Most writes committed in one transaction by the group-commit loop; null takes the durability mode's default
    /// (<see cref="DefaultOsBatchSize"/> or <see cref="DefaultFsyncBatchSize"/>). <see cref="BatchSizeLimit"/> is the
    /// value in effect.
    /// </summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>The batch bound in effect: <see cref="MaxBatchSize"/>, or the durability mode's default.</summary>
    public int BatchSizeLimit => MaxBatchSize ?? DefaultBatchSize(Durability);

    /// <summary>Most writes waiting for the writer; beyond it writes are refused as overloaded.</summary>
    public int WriteQueueCapacity { get; init; } = 8192;

    /// <summary>Most value bytes waiting for the writer; beyond it writes are refused as overloaded.</summary>
    public long MaxQueuedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>SQLite page cache per connection, in KiB (the writer and each reader have one).</summary>
    public int PageCacheKiB { get; init; } = 8 * 1024;

    /// <summary>
    /// SQLite page size of a database this engine creates (a power of two, 512..65536). It is fixed when the file is
    /// created: a database that already exists keeps the page size it was created with.
    /// </summary>
    public int PageSizeBytes { get; init; } = DefaultPageSizeBytes;

    /// <summary>
    /// WAL pages after which the committing writer checkpoints them into the database file (SQLite's
    /// wal_autocheckpoint; SQLite's own default is 1000). Every commit appends each page it dirtied, so distinct-key
    /// writes grow the WAL fast; a larger interval copies a page rewritten many times once, at the cost of a longer
    /// checkpoint now and then and up to this many pages (of <see cref="PageSizeBytes"/> each) of WAL on disk.
    /// </summary>
    public int WalCheckpointPages { get; init; } = DefaultWalCheckpointPages;

    /// <summary>Read connections kept open; reads beyond it wait for one to be free.</summary>
    public int ReadConnections { get; init; } = 4;

    /// <summary>A scan batch stops growing once its stored bytes reach this (a batch always holds at least one key).</summary>
    public int MaxScanBatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Checks every bound; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("The data directory must be set.", nameof(DataDirectory));
        }

        RequirePositive(MaxSiblings, nameof(MaxSiblings));
        RequirePositive(BatchSizeLimit, nameof(MaxBatchSize));
        RequirePositive(WriteQueueCapacity, nameof(WriteQueueCapacity));
        RequirePositive(MaxQueuedBytes, nameof(MaxQueuedBytes));
        RequirePositive(PageCacheKiB, nameof(PageCacheKiB));
        RequirePositive(WalCheckpointPages, nameof(WalCheckpointPages));
        if (!IsValidPageSize(PageSizeBytes))
        {
            throw new ArgumentException(
                $"{nameof(PageSizeBytes)} must be a power of two from 512 to 65536 (was {PageSizeBytes}).", nameof(PageSizeBytes));
        }

        RequirePositive(ReadConnections, nameof(ReadConnections));
        RequirePositive(MaxScanBatchBytes, nameof(MaxScanBatchBytes));
    }

    /// <summary>The group-commit bound a durability mode takes when none is set.</summary>
    public static int DefaultBatchSize(DurabilityMode durability) =>
        durability == DurabilityMode.Os ? DefaultOsBatchSize : DefaultFsyncBatchSize;

    /// <summary>True for the page sizes SQLite accepts: powers of two from 512 to 65536.</summary>
    public static bool IsValidPageSize(int bytes) => bytes is >= 512 and <= 65536 && (bytes & (bytes - 1)) == 0;

    private static void RequirePositive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive (was {value}).", name);
        }
    }
}
