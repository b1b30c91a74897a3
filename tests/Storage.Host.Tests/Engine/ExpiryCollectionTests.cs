using System.Text;
using FluentAssertions;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class ExpiryCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(Start);
    private StorageEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory, o => o with { TombstoneGrace = Grace }, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task CollectTombstonesAsync_ExpiredWithinGrace_KeepsVersion()
    {
        await _engine.WriteAsync("t", "k", Expiring("v", ("a", 1), TimeSpan.FromMinutes(1)));
        _time.Advance(TimeSpan.FromMinutes(1) + Grace - TimeSpan.FromSeconds(1));

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(0);
        (await _engine.ReadAsync("t", "k")).Should().ContainSingle().Which.ExpiresAtMicros.Should().Be(Micros(Start + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task CollectTombstonesAsync_ExpiredPastGrace_RemovesTheKey()
    {
        await _engine.WriteAsync("t", "k", Expiring("v", ("a", 1), TimeSpan.FromMinutes(1)));
        await _engine.WriteAsync("t", "kept", Live("v", 1, ("a", 1)));
        _time.Advance(TimeSpan.FromMinutes(1) + Grace + TimeSpan.FromSeconds(1));

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(1);
        (await _engine.ReadAsync("t", "k")).Should().BeEmpty();
        (await _engine.ReadAsync("t", "kept")).Should().ContainSingle();
        _engine.Stats.Keys.Should().Be(1);
    }

    [Fact]
    public async Task CollectTombstonesAsync_ExpiredBesideLiveSibling_RemovesOnlyTheExpiredVersion()
    {
        var live = Live("live", 1, ("b", 1));
        await _engine.WriteAsync("t", "k", Expiring("gone", ("a", 1), TimeSpan.FromMinutes(1)));
        await _engine.WriteAsync("t", "k", live);
        var before = _engine.Stats;
        _time.Advance(Grace * 2);

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(0);
        (await _engine.ReadAsync("t", "k")).Should().Equal(live);
        _engine.Stats.Keys.Should().Be(1);
        _engine.Stats.Bytes.Should().BeLessThan(before.Bytes);
        (await _engine.CollectTombstonesAsync()).Should().Be(0, "the rewritten row no longer holds an expiry");
    }

    [Fact]
    public async Task CollectTombstonesAsync_ExpiredBesideTombstone_LeavesATombstoneOnlyKeyCollectedAfterItsGrace()
    {
        await _engine.WriteAsync("t", "k", Expiring("gone", ("a", 1), TimeSpan.FromMinutes(1)));
        await _engine.WriteAsync("t", "k", Tombstone(1, ("b", 1)));
        _time.Advance(Grace * 2);

        var first = await _engine.CollectTombstonesAsync();
        var remaining = await _engine.ReadAsync("t", "k");
        _time.Advance(Grace + TimeSpan.FromSeconds(1));
        var second = await _engine.CollectTombstonesAsync();

        first.Should().Be(0);
        remaining.Should().ContainSingle().Which.Tombstone.Should().BeTrue();
        second.Should().Be(1);
        (await _engine.ReadAsync("t", "k")).Should().BeEmpty();
    }

    [Fact]
    public async Task CollectTombstonesAsync_NeverExpiringVersion_Kept()
    {
        await _engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        _time.Advance(TimeSpan.FromDays(365));

        (await _engine.CollectTombstonesAsync()).Should().Be(0);
        (await _engine.ReadAsync("t", "k")).Should().ContainSingle();
    }

    [Fact]
    public async Task CollectTombstonesAsync_MoreThanOneChunk_RemovesAll()
    {
        var writes = new List<Task<WriteOutcome>>();
        for (var i = 0; i < 2500; i++)
        {
            writes.Add(_engine.WriteAsync("t", "k" + i, Expiring("v", ("a", 1), TimeSpan.FromSeconds(1))).AsTask());
        }

        await Task.WhenAll(writes);
        _time.Advance(Grace * 2);

        var collected = await _engine.CollectTombstonesAsync();

        collected.Should().Be(2500);
        _engine.Stats.Should().Be(new KeyStats(0, 0));
    }

    /// <summary>A live version stamped now that expires <paramref name="ttl"/> later.</summary>
    private VersionedValue Expiring(string value, (string Node, long Counter) clock, TimeSpan ttl)
    {
        var now = _time.GetUtcNow();
        return new VersionedValue(Encoding.UTF8.GetBytes(value), Clock(clock), Micros(now), "coord-1", tombstone: false, Micros(now + ttl));
    }

    private static long Micros(DateTimeOffset instant) => (instant - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
