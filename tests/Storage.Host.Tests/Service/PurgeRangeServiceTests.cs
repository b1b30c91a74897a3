using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Messages.Ring;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;

namespace PairDb.Storage.Tests.Service;

/// <summary>PurgeRange over the wire: validation, the purge itself, and the counters HealthCheck reports.</summary>
public sealed class PurgeRangeServiceTests : IAsyncLifetime
{
    private const ulong Quarter = 1UL << 62;
    private readonly TempDirectory _directory = new();
    private RunningStorageNode _node = null!;
    private GrpcChannel _channel = null!;
    private StorageNodeService.StorageNodeServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNodes.StartAsync(TestNodes.Options(_directory));
        _channel = TestNodes.Channel(_node);
        _client = TestNodes.Client(_channel);
        var writes = new List<Task<WriteResponse>>();
        for (var i = 0; i < 200; i++)
        {
            writes.Add(Write("t", "key-" + i));
            writes.Add(Write("other", "key-" + i));
        }

        await Task.WhenAll(writes);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task PurgeRange_WrappingRangeOfOneTenant_RemovesItsKeysAndUpdatesHealthCounts()
    {
        var range = new RingRange(3 * Quarter, Quarter);
        var inRange = await Count(range.Start, range.End, "t");

        var purged = await _client.PurgeRangeAsync(new PurgeRangeRequest { Start = range.Start, End = range.End, TenantId = "t" });
        var health = await _client.HealthCheckAsync(new HealthCheckRequest());

        inRange.Keys.Should().BeGreaterThan(0);
        purged.KeysRemoved.Should().Be(inRange.Keys);
        (await Count(range.Start, range.End, "t")).Keys.Should().Be(0);
        (await Count(range.Start, range.End, "other")).Keys.Should().BeGreaterThan(0);
        (await Count(0, 0, "other")).Keys.Should().Be(200);
        health.KeysCount.Should().Be(400 - inRange.Keys);
        _node.Engine.Stats.Should().Be(await _node.Engine.CountAsync(RingRange.All));
    }

    [Fact]
    public async Task PurgeRange_EmptyTenantWholeRing_RemovesEveryKey()
    {
        var purged = await _client.PurgeRangeAsync(new PurgeRangeRequest { Start = 77, End = 77 });
        var health = await _client.HealthCheckAsync(new HealthCheckRequest());

        purged.KeysRemoved.Should().Be(400);
        (await Count(0, 0, "")).Should().Be(new CountRangeResponse { Keys = 0, Bytes = 0 });
        health.KeysCount.Should().Be(0);
        health.DataBytes.Should().Be(0);
    }

    [Fact]
    public async Task PurgeRange_KeysOutsideRange_StayReadable()
    {
        var range = new RingRange(Quarter, 2 * Quarter);

        await _client.PurgeRangeAsync(new PurgeRangeRequest { Start = range.Start, End = range.End });

        for (var i = 0; i < 200; i++)
        {
            var read = await _client.ReadAsync(new ReadRequest { TenantId = "t", Key = "key-" + i });
            read.Found.Should().Be(!range.Contains(RingPositions.Compute("t", "key-" + i)), "key-" + i);
        }
    }

    [Theory]
    [InlineData("a:b", "must not contain ':'")]
    [InlineData("a\u0001b", "control characters")]
    public async Task PurgeRange_InvalidTenant_InvalidArgumentAndNothingRemoved(string tenant, string message)
    {
        var act = () => _client.PurgeRangeAsync(new PurgeRangeRequest { TenantId = tenant }).ResponseAsync;

        await ShouldFailAsync(act, StatusCode.InvalidArgument, message);
        _node.Engine.Stats.Keys.Should().Be(400);
    }

    [Fact]
    public async Task PurgeRange_TenantOverLimit_InvalidArgument()
    {
        var act = () => _client.PurgeRangeAsync(new PurgeRangeRequest { TenantId = new string('t', 257) }).ResponseAsync;

        await ShouldFailAsync(act, StatusCode.InvalidArgument, "tenant_id must be 1..256 bytes (got 257)");
    }

    [Fact]
    public async Task PurgeRange_EngineClosed_Unavailable()
    {
        await _node.Engine.DisposeAsync();

        var act = () => _client.PurgeRangeAsync(new PurgeRangeRequest()).ResponseAsync;

        await ShouldFailAsync(act, StatusCode.Unavailable, "closed");
    }

    private Task<WriteResponse> Write(string tenant, string key) =>
        _client.WriteAsync(new WriteRequest { TenantId = tenant, Key = key, Version = Version("v", 1, ("a", 1)) }).ResponseAsync;

    private Task<CountRangeResponse> Count(ulong start, ulong end, string tenant) =>
        _client.CountRangeAsync(new CountRangeRequest { Start = start, End = end, TenantId = tenant }).ResponseAsync;
}
