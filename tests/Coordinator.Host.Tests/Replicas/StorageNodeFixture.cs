using PairDb.Coordinator.Tests.Stores;
using PairDb.Messages.Values;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Replicas;

/// <summary>A real storage node, started in this process on a free loopback port and shared by one test class.</summary>
public sealed class StorageNodeFixture : IAsyncLifetime
{
    public const string NodeId = "replica-test-node";

    private readonly TestDirectory _directory = new();
    private RunningStorageNode? _running;

    /// <summary>The node as the coordinator's metadata would describe it.</summary>
    public StorageNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new StorageNodeOptions
        {
            NodeId = NodeId,
            ServerPort = 0,
            HealthPort = null,
            DataDir = _directory.Path,
            Durability = DurabilityMode.Os,
        };
        _running = await StorageNodeServer.StartAsync(options, static logging => { }, timeProvider: null);
        Node = new StorageNode(NodeId, "127.0.0.1", _running.Port, 150, StorageNodeStatus.Active);
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        _directory.Dispose();
    }
}
