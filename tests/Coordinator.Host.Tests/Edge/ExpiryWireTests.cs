using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// Expiring keys over the wire: a real coordinator with its embedded storage nodes, read through the client API and
/// the storage nodes' own API.
/// </summary>
public sealed class ExpiryWireTests
{
    private const string Tenant = "default";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WriteKeyValue_WithTtl_ReadsWithItsExpiryThenNotFoundThenCollectedFromEveryNode()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        using var nodes = new StorageNodes(coordinator);

        await Write(coordinator, "k", "v", ttlMs: 1_500);
        var found = await Read(coordinator, "k");

        found.Value.ToStringUtf8().Should().Be("v");
        found.ExpiresAtMicros.Should().Be(found.TimestampMicros + 1_500_000);
        await WaitUntilAsync(() => Task.FromResult(NowMicros() > found.ExpiresAtMicros));
        await ShouldBeNotFoundAsync(coordinator, "k");
        (await nodes.NoneHoldsAsync("k")).Should().BeFalse("a storage node collects only when told to");
        await nodes.CollectAsync(NowMicros());
        (await nodes.NoneHoldsAsync("k")).Should().BeTrue();
        await ShouldBeNotFoundAsync(coordinator, "k");
    }

    [Fact]
    public async Task ReadKeyValue_ReplicaMissedTheTtlWrite_RepairSpreadsTheExpiredVersionAndTheOldValueNeverReturns()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        using var nodes = new StorageNodes(coordinator);
        await Write(coordinator, "k", "old", ttlMs: 0);
        var old = (await nodes.ReadAsync(0, "k")).Versions.Single();
        await Write(coordinator, "k", "new", ttlMs: 1_000);
        var expiring = await Read(coordinator, "k");

        // The first node goes back to the old, never-expiring version, as if it had missed the write with the ttl.
        await nodes.Clients[0].PurgeRangeAsync(new PurgeRangeRequest { Start = 0, End = 0, TenantId = Tenant });
        await nodes.Clients[0].RepairAsync(new RepairRequest { TenantId = Tenant, Key = "k", Versions = { old } });
        await WaitUntilAsync(() => Task.FromResult(NowMicros() > expiring.ExpiresAtMicros));

        await ShouldBeNotFoundAsync(coordinator, "k");
        await WaitUntilAsync(async () =>
        {
            var versions = (await nodes.ReadAsync(0, "k")).Versions;
            return versions.Count == 1 && versions[0].ExpiresAtMicros == expiring.ExpiresAtMicros;
        });
        await ShouldBeNotFoundAsync(coordinator, "k");
        await nodes.CollectAsync(NowMicros());
        (await nodes.NoneHoldsAsync("k")).Should().BeTrue();
        await ShouldBeNotFoundAsync(coordinator, "k");
    }

    [Fact]
    public async Task ReadKeyValue_SiblingExpired_ReportedAsTombstoneWithoutItsValue()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync();
        await Write(coordinator, "k", "first", ttlMs: 0);
        var stale = (await Read(coordinator, "k")).VectorClock;
        await Write(coordinator, "k", "expiring", ttlMs: 1_000);

        // Written with the context read before "expiring", so the two stay siblings.
        await coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = Tenant, Key = "k", Value = ByteString.CopyFromUtf8("beside"), Context = stale, Consistency = "all" },
            deadline: DateTime.UtcNow + Bound);
        var before = await Read(coordinator, "k");
        await WaitUntilAsync(() => Task.FromResult(NowMicros() > before.Siblings.Max(static s => s.ExpiresAtMicros)));
        var after = await Read(coordinator, "k");

        before.Siblings.Select(static s => (s.Value.ToStringUtf8(), s.Tombstone)).Should().BeEquivalentTo([("expiring", false), ("beside", false)]);
        after.Value.ToStringUtf8().Should().Be("beside");
        after.Siblings.Select(static s => (s.Value.ToStringUtf8(), s.Tombstone, s.ExpiresAtMicros > 0))
            .Should().BeEquivalentTo([(string.Empty, true, true), ("beside", false, false)]);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(10_001L)]
    public async Task WriteKeyValue_TtlOutOfRange_InvalidArgumentNamingTtlMs(long ttlMs)
    {
        await using var coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { MaxTtl = TimeSpan.FromSeconds(10) });

        var error = await FluentActions.Awaiting(() => Write(coordinator, "k", "v", ttlMs)).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Which.Status.Detail.Should().Contain("ttl_ms must be 0..10000 milliseconds");
        await ShouldBeNotFoundAsync(coordinator, "k");
    }

    private static async Task Write(InProcessCoordinator coordinator, string key, string value, long ttlMs) =>
        await coordinator.Client.WriteKeyValueAsync(
            new WriteKeyValueRequest { TenantId = Tenant, Key = key, Value = ByteString.CopyFromUtf8(value), TtlMs = ttlMs, Consistency = "all" },
            deadline: DateTime.UtcNow + Bound);

    private static async Task<ReadKeyValueResponse> Read(InProcessCoordinator coordinator, string key) =>
        await coordinator.Client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = Tenant, Key = key, Consistency = "all" }, deadline: DateTime.UtcNow + Bound);

    private static async Task ShouldBeNotFoundAsync(InProcessCoordinator coordinator, string key)
    {
        var error = await FluentActions.Awaiting(() => Read(coordinator, key)).Should().ThrowAsync<RpcException>();
        error.Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    private static long NowMicros() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within the bound");
            await Task.Delay(50);
        }
    }

    /// <summary>Clients on the coordinator's embedded storage nodes, to read what each one stores.</summary>
    private sealed class StorageNodes : IDisposable
    {
        private readonly List<GrpcChannel> _channels;

        public StorageNodes(InProcessCoordinator coordinator)
        {
            _channels = [.. coordinator.Runtime.Embedded!.Members.Select(static m => GrpcChannel.ForAddress($"http://{m.Host}:{m.Port}"))];
            Clients = [.. _channels.Select(static c => new StorageNodeService.StorageNodeServiceClient(c))];
        }

        public IReadOnlyList<StorageNodeService.StorageNodeServiceClient> Clients { get; }

        public async Task<ReadResponse> ReadAsync(int node, string key) =>
            await Clients[node].ReadAsync(new ReadRequest { TenantId = Tenant, Key = key });

        public async Task<bool> NoneHoldsAsync(string key)
        {
            for (var i = 0; i < Clients.Count; i++)
            {
                if ((await ReadAsync(i, key)).Versions.Count > 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>What anti-entropy does once a pass found every replica in agreement: collect the tenant's whole ring on every node.</summary>
        public async Task CollectAsync(long cutoffMicros)
        {
            foreach (var client in Clients)
            {
                await client.CollectTombstonesAsync(new CollectTombstonesRequest { Start = 0, End = 0, TenantIds = { Tenant }, CutoffMicros = cutoffMicros });
            }
        }

        public void Dispose()
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }
        }
    }
}
