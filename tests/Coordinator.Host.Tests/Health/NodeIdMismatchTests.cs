using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Health;

/// <summary>
/// STORAGE_NODES names a node id that is not the one the storage node at that address reports: readiness and a write
/// say that the node at that address is another one, naming both ids, rather than only that the node is down.
/// </summary>
public sealed class NodeIdMismatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TestDirectory _storageDirectory = new();
    private RunningStorageNode? _node;
    private InProcessCoordinator? _coordinator;

    public async Task InitializeAsync()
    {
        _node = await StorageNodeServer.StartAsync(new StorageNodeOptions
        {
            NodeId = "storage-reported", ServerPort = 0, HealthPort = null, DataDir = _storageDirectory.Path, Durability = DurabilityMode.Os,
        });
        var configured = new StorageNode("storage-configured", "127.0.0.1", _node.Port, CoordinatorOptions.DefaultVirtualNodes, StorageNodeStatus.Active);
        _coordinator = await InProcessCoordinator.StartAsync(configure: o => o with
        {
            EmbeddedStorageNodes = 0, StorageNodes = [configured], DefaultReplicationFactor = 1, ProbeInterval = TimeSpan.FromMilliseconds(50),
        });
    }

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }

        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _storageDirectory.Dispose();
    }

    [Fact]
    public async Task Readiness_ConfiguredIdDiffersFromReported_NamesBothIds()
    {
        // Wait (bounded) until the failure detector has counted the node down; its reason must then be in readiness.
        using var bound = new CancellationTokenSource(Bound);
        var report = await _coordinator!.Runtime.Readiness.CheckAsync(bound.Token);
        while (report.Ready || !report.Detail.Contains("storage-reported", StringComparison.Ordinal))
        {
            await Task.Delay(50, bound.Token);
            report = await _coordinator.Runtime.Readiness.CheckAsync(bound.Token);
        }

        report.Detail.Should().Contain("storage nodes down: storage-configured: ").And.Contain("node ids do not match: ").And.Contain("is served by storage node 'storage-reported', not 'storage-configured'");
    }

    [Fact]
    public async Task WriteKeyValue_ConfiguredIdDiffersFromReported_MessageNamesBothIds()
    {
        using var bound = new CancellationTokenSource(Bound);
        RpcException? error = null;
        while (error?.Status.Detail.Contains("storage-reported", StringComparison.Ordinal) != true)
        {
            await Task.Delay(50, bound.Token);
            try
            {
                await _coordinator!.Client.WriteKeyValueAsync(
                    new WriteKeyValueRequest { TenantId = "default", Key = "k", Value = Google.Protobuf.ByteString.CopyFromUtf8("v") },
                    deadline: DateTime.UtcNow + Bound);
            }
            catch (RpcException ex)
            {
                error = ex;
            }
        }

        error!.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("1 of 1 replicas are down").And.Contain("node ids do not match: ").And.Contain("is served by storage node 'storage-reported', not 'storage-configured'");
    }
}
