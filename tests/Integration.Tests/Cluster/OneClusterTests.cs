using FluentAssertions;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Messages.Values;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Three coordinator processes in one Akka.NET cluster over shared PostgreSQL and Redis, three storage processes:
/// whichever coordinator a write reaches, the key's single actor somewhere in the cluster applies it.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class OneClusterTests(SharedOneCluster shared) : IClassFixture<SharedOneCluster>
{
    private const int Concurrency = 64;

    [Fact]
    public async Task OneKey_ConcurrentWritesRoundRobinThroughThreeCoordinators_ClocksTotallyOrderedNoSiblings()
    {
        // Arrange
        var cluster = shared.Cluster;

        // Act: 64 writers, each sending its writes to the coordinators in turn.
        var clocks = await WriteConcurrentlyAsync(cluster, static (_, _) => "hot-key", writesPerWriter: 8);

        // Assert: one writer stamped them all, so every pair of acknowledged clocks is ordered.
        var ordered = clocks.OrderBy(static clock => clock.Entries.Sum(static entry => entry.Counter)).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            ordered[i].Dominates(ordered[i - 1]).Should().BeTrue(
                $"acknowledged clocks must form one chain, but {ordered[i]} does not dominate {ordered[i - 1]}\n{cluster.Logs()}");
        }

        var read = await Kv.ReadAsync(cluster.Coordinator(1), "hot-key");
        read.Siblings.Should().BeEmpty("a key with one writer never has concurrent versions");
        Kv.Domain(read.VectorClock).Should().Be(ordered[^1], "the last stamped version is the key's version");
    }

    [Fact]
    public async Task ManyKeys_ConcurrentWritesRoundRobinThroughThreeCoordinators_NoSiblingsAnywhere()
    {
        // Arrange
        var cluster = shared.Cluster;

        // Act: 64 writers over 32 keys, so every key is written through every coordinator at once.
        await WriteConcurrentlyAsync(cluster, static (writer, write) => "key-" + ((writer + write) % 32), writesPerWriter: 6);

        // Assert
        for (var key = 0; key < 32; key++)
        {
            var read = await Kv.ReadAsync(cluster.Coordinator(key % 3), "key-" + key);
            read.Siblings.Should().BeEmpty($"key-{key} has one writer in the cluster\n{cluster.Logs()}");
        }
    }

    [Fact]
    public async Task Write_ThroughEachCoordinator_TrailerNamesTheSameOwnerAmongThem()
    {
        // Arrange
        var cluster = shared.Cluster;
        var endpoints = Enumerable.Range(0, 3).Select(i => cluster.Coordinator(i).Target).ToList();

        // Act
        var owners = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var call = cluster.Coordinator(i).CoordinatorClient().WriteKeyValueAsync(
                new PairDb.Protocol.Coordinator.WriteKeyValueRequest { TenantId = "default", Key = "owned", Value = Google.Protobuf.ByteString.CopyFromUtf8("v" + i) },
                GrpcClients.Within(TimeSpan.FromSeconds(10)));
            await call.ResponseAsync;
            owners.Add(call.GetTrailers().GetValue("pairdb-owner") ?? "(none)");
        }

        // Assert
        owners.Distinct().Should().ContainSingle("one coordinator owns the key, whichever one the write reached");
        endpoints.Should().Contain(owners[0], "the owner is named by the endpoint clients reach it at");
    }

    private static async Task<List<VectorClock>> WriteConcurrentlyAsync(ClusterHarness cluster, Func<int, int, string> keyOf, int writesPerWriter)
    {
        var writers = Enumerable.Range(0, Concurrency).Select(async writer =>
        {
            var clocks = new List<VectorClock>(writesPerWriter);
            for (var write = 0; write < writesPerWriter; write++)
            {
                var coordinator = cluster.Coordinator((writer + write) % 3);
                var reply = await Kv.WriteAsync(coordinator, keyOf(writer, write), $"w{writer}-{write}");
                clocks.Add(Kv.Domain(reply.VectorClock));
            }

            return clocks;
        });
        return [.. (await Task.WhenAll(writers)).SelectMany(static clocks => clocks)];
    }
}
