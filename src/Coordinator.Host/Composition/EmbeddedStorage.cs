using PairDb.Coordinator.Configuration;
using PairDb.Messages.Values;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The embedded mode's storage nodes: full storage servers hosted in this process, each on its own free loopback
/// port with its own data directory (DATA_DIR/storage-N), reached over gRPC like external ones. With the storage TLS
/// settings they serve mutual TLS as external ones do, with the coordinator's storage certificate as their own (so it
/// must allow server authentication for 127.0.0.1 as well as client authentication).
/// </summary>
public sealed class EmbeddedStorage : IAsyncDisposable
{
    private readonly List<RunningStorageNode> _nodes;
    private readonly int _virtualNodes;

    private EmbeddedStorage(List<RunningStorageNode> nodes, int virtualNodes)
    {
        _nodes = nodes;
        _virtualNodes = virtualNodes;
    }

    /// <summary>Membership entries for the running nodes (addresses change between runs: ports are free ones).</summary>
    public IReadOnlyList<StorageNode> Members
    {
        get
        {
            var members = new List<StorageNode>(_nodes.Count);
            foreach (var node in _nodes)
            {
                members.Add(new StorageNode(node.NodeId, node.Options.BindAddress, node.Port, _virtualNodes, StorageNodeStatus.Active));
            }

            return members;
        }
    }

    public static async Task<EmbeddedStorage> StartAsync(CoordinatorOptions options, CancellationToken cancellationToken)
    {
        var nodes = new List<RunningStorageNode>(options.EmbeddedStorageNodes);
        try
        {
            for (var i = 1; i <= options.EmbeddedStorageNodes; i++)
            {
                var id = "storage-" + i;
                nodes.Add(await StorageNodeServer.StartAsync(
                    new StorageNodeOptions
                    {
                        NodeId = id,
                        BindAddress = "127.0.0.1",
                        ServerPort = 0,
                        HealthPort = null,
                        DataDir = Path.Combine(options.DataDirectory, id),
                        Durability = options.StorageDurability,
                        MaxValueBytes = options.MaxValueBytes,
                        MaxBatchBytes = options.ReplicaMaxBatchBytes,
                        LogLevel = options.LogLevel,

                        // The coordinator stops them itself, after its own calls have drained (they need these nodes).
                        HandleStopSignals = false,
                        ShutdownTimeout = options.ShutdownTimeout,
                        TlsCertFile = options.Tls.StorageCertFile,
                        TlsKeyFile = options.Tls.StorageKeyFile,
                        TlsClientCaFile = options.Tls.StorageCaFile,
                        TlsHandshakeTimeout = options.Tls.HandshakeTimeout,
                    },
                    cancellationToken));
            }
        }
        catch
        {
            await new EmbeddedStorage(nodes, options.VirtualNodes).DisposeAsync();
            throw;
        }

        return new EmbeddedStorage(nodes, options.VirtualNodes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
