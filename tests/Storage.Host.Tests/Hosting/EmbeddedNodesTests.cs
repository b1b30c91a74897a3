using FluentAssertions;
using Google.Protobuf;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Tests.Hosting;

public sealed class EmbeddedNodesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StartAsync_ThreeNodesInOneProcess_EachOnOwnPortWithOwnData()
    {
        var nodes = new List<RunningStorageNode>();
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                nodes.Add(await TestNodes.StartAsync(TestNodes.Options(_directory) with
                {
                    NodeId = "storage-" + i,
                    HealthPort = null,
                    DataDir = Path.Combine(_directory.Path, "storage-" + i),
                }));
            }

            using (var first = TestNodes.Channel(nodes[0]))
            {
                var firstClient = TestNodes.Client(first);
                var version = new Version { Value = ByteString.CopyFromUtf8("only-on-1"), Clock = { new ClockEntry { NodeId = "c", Counter = 1 } } };
                await firstClient.WriteAsync(new WriteRequest { TenantId = "t", Key = "k", Version = version });
            }

            var found = new List<bool>();
            var names = new List<string>();
            foreach (var node in nodes)
            {
                using var channel = TestNodes.Channel(node);
                var client = TestNodes.Client(channel);
                found.Add((await client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k" })).Found);
                names.Add((await client.HealthCheckAsync(new HealthCheckRequest())).NodeId);
            }

            nodes.Select(n => n.Port).Should().OnlyHaveUniqueItems();
            nodes.Should().OnlyContain(n => n.HealthPort == null && n.Address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
            found.Should().Equal(true, false, false);
            names.Should().Equal("storage-1", "storage-2", "storage-3");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsAndClosesEngine()
    {
        await using var first = await TestNodes.StartAsync(TestNodes.Options(_directory) with { DataDir = Path.Combine(_directory.Path, "a") });
        var second = TestNodes.Options(_directory) with { ServerPort = first.Port, DataDir = Path.Combine(_directory.Path, "b") };

        var act = () => TestNodes.StartAsync(second);

        await act.Should().ThrowAsync<IOException>();

        // SQLite removes the WAL file when the last connection closes: its absence shows the engine was closed.
        File.Exists(Path.Combine(_directory.Path, "b", "storage.db")).Should().BeTrue();
        File.Exists(Path.Combine(_directory.Path, "b", "storage.db-wal")).Should().BeFalse();
    }
}
