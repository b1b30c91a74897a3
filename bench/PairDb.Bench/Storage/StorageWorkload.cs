namespace PairDb.Bench.Storage;

/// <summary>What the storage command's workers send: storage writes or reads, or the writes to the bare echo.</summary>
public enum StorageWorkload
{
    /// <summary>storage.StorageNodeService/Write, a dominating version of a distinct key each time.</summary>
    Write,

    /// <summary>storage.StorageNodeService/Read of preloaded keys.</summary>
    Read,

    /// <summary>The same writes to the bench rpc-server's echo, which answers them without doing any work.</summary>
    EchoBare,
}
