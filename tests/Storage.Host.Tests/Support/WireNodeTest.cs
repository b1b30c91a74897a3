using Grpc.Net.Client;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Support;

/// <summary>
/// A spec class with a fresh storage node per test (its own temporary data directory), a channel to it and a storage
/// client on that channel; <see cref="Configure"/> adjusts the test options.
/// </summary>
public abstract class WireNodeTest : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    protected RunningStorageNode Node { get; private set; } = null!;

    protected GrpcChannel Channel { get; private set; } = null!;

    protected StorageNodeService.StorageNodeServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await TestNodes.StartAsync(Configure(TestNodes.Options(_directory)));
        Channel = TestNodes.Channel(Node);
        Client = TestNodes.Client(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Node.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>The node's options; the test defaults unless overridden.</summary>
    protected virtual StorageNodeOptions Configure(StorageNodeOptions defaults) => defaults;
}
