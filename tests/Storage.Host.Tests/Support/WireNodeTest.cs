using PairDb.Rpc.Client;
using PairDb.Storage.Hosting;

namespace PairDb.Storage.Tests.Support;

/// <summary>
/// A spec class with a fresh storage node per test (its own temporary data directory) and a channel to it;
/// <see cref="Configure"/> adjusts the test options.
/// </summary>
public abstract class WireNodeTest : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    protected RunningStorageNode Node { get; private set; } = null!;

    protected GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await TestNodes.StartAsync(Configure(TestNodes.Options(_directory)));
        Channel = TestNodes.Channel(Node);
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
