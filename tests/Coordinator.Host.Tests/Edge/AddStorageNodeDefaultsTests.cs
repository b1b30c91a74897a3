using FluentAssertions;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Protocol.Coordinator;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>A storage node added without a virtual node count gets the configured ring.virtual_nodes.</summary>
public sealed class AddStorageNodeDefaultsTests
{
    [Fact]
    public async Task AddStorageNode_NoVirtualNodes_ConfiguredCount()
    {
        // Arrange
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { VirtualNodes = 40 });
        using var data = new TestDirectory();
        await using var extra = await StorageNodeServer.StartAsync(new StorageNodeOptions
        {
            NodeId = "storage-extra", BindAddress = "127.0.0.1", ServerPort = 0, HealthPort = null, DataDir = data.Path, HandleStopSignals = false,
        });

        // Act
        var added = await coordinator.Client.AddStorageNodeAsync(
            new AddStorageNodeRequest { NodeId = "storage-extra", Host = "127.0.0.1", Port = extra.Port, VirtualNodes = 0 },
            deadline: DateTime.UtcNow.AddSeconds(30));
        var nodes = await coordinator.Client.ListStorageNodesAsync(new ListStorageNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        // Assert
        added.Success.Should().BeTrue();
        nodes.Nodes.Should().ContainSingle(n => n.NodeId == "storage-extra").Which.VirtualNodes.Should().Be(40);
        nodes.Nodes.Where(n => n.NodeId != "storage-extra").Should().OnlyContain(n => n.VirtualNodes == 40, "embedded nodes take the same setting");
    }
}
