namespace PairDb.Bench.Storage;

/// <summary>What the storage command's workers send: storage writes or reads, or one of the two Ping baselines.</summary>
public enum StorageWorkload
{
    /// <summary>storage.StorageNodeService/Write, a dominating version of a distinct key each time.</summary>
    Write,

    /// <summary>storage.StorageNodeService/Read of preloaded keys.</summary>
    Read,

    /// <summary>The bench rpc-server's bare Kestrel endpoint (no RPC layer on the server).</summary>
    EchoBare,

    /// <summary>The bench rpc-server's Ping through the PairDb.Rpc server layer.</summary>
    EchoRpc,
}
