using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Coordinator.Replicas;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Replicas;

/// <summary>
/// Coalesced calls against a real storage node over loopback gRPC: with one call in flight per node and kind, calls
/// made concurrently go out as WriteBatch and ReadBatch, and each still gets its own outcome.
/// </summary>
public sealed class GrpcReplicaClientBatchTests : IClassFixture<StorageNodeFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly StorageNodeFixture _fixture;
    private readonly GrpcReplicaClient _client = new(coalescing: new CoalescingLimits(MaxInFlight: 1, MaxBatch: 16));

    public GrpcReplicaClientBatchTests(StorageNodeFixture fixture) => _fixture = fixture;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task WriteAsync_ManyConcurrent_AllAppliedAndReadBackConcurrently()
    {
        var keys = Enumerable.Range(0, 200).Select(i => "batched-" + i).ToArray();

        var writes = await Task.WhenAll(keys.Select(key => _client.WriteAsync(_fixture.Node, "t1", key, Version(key, 1), Timeout, CancellationToken.None)));
        var reads = await Task.WhenAll(keys.Select(key => _client.ReadAsync(_fixture.Node, "t1", key, Timeout, CancellationToken.None)));

        writes.Should().OnlyContain(write => write.Ok);
        _client.BatchCalls.Should().BeGreaterThan(0, "with one call in flight, 200 concurrent calls must have gone out in batches");
        for (var i = 0; i < keys.Length; i++)
        {
            reads[i].Status.Should().Be(ReplicaReadStatus.Found);
            reads[i].Versions.Should().ContainSingle().Which.Value.ToArray().Should().Equal(System.Text.Encoding.UTF8.GetBytes(keys[i]));
        }
    }

    [Fact]
    public async Task WriteAsync_InvalidOneAmongConcurrent_OnlyThatOneFails()
    {
        var unstamped = new VersionedValue(new byte[] { 1 }, VectorClock.Empty, 1, "coord-a", tombstone: false);
        var calls = new List<Task<Actors.Ports.ReplicaWriteResult>>();
        for (var i = 0; i < 20; i++)
        {
            calls.Add(i == 10
                ? _client.WriteAsync(_fixture.Node, "t1", "invalid-in-batch", unstamped, Timeout, CancellationToken.None)
                : _client.WriteAsync(_fixture.Node, "t1", "valid-in-batch-" + i, Version("v" + i, 1), Timeout, CancellationToken.None));
        }

        var results = await Task.WhenAll(calls);

        results[10].Ok.Should().BeFalse();
        results[10].Error.Should().StartWith("INVALID_ARGUMENT: ").And.Contain("clock");
        results.Where((_, i) => i != 10).Should().OnlyContain(result => result.Ok);
    }

    [Fact]
    public async Task WriteIfDominatesAsync_ConcurrentWithStaleOnes_StaleOnesConflictWithTheStoredClock()
    {
        var stored = Version("stored", 5);
        await _client.WriteAsync(_fixture.Node, "t1", "cas", stored, Timeout, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => i == 0
            ? _client.WriteIfDominatesAsync(_fixture.Node, "t1", "cas", Version("newer", 6), Timeout, CancellationToken.None)
            : _client.WriteIfDominatesAsync(_fixture.Node, "t1", "cas-other-" + i, Version("fresh", 1), Timeout, CancellationToken.None)));
        var stale = await _client.WriteIfDominatesAsync(_fixture.Node, "t1", "cas", Version("stale", 6), Timeout, CancellationToken.None);

        results.Should().OnlyContain(result => result.Ok);
        stale.IsConflict.Should().BeTrue();
        stale.Current.Should().ContainSingle().Which.Clock.Should().Be(Version("x", 6).Clock);
        stale.Current![0].Value.IsEmpty.Should().BeTrue("conflicts carry clocks, not values");
    }

    private static VersionedValue Version(string value, long counter) =>
        new(System.Text.Encoding.UTF8.GetBytes(value), VectorClock.From([new ClockEntry("coord-a", counter)]), 1_700_000_000_000_000 + counter, "coord-a", tombstone: false);
}
