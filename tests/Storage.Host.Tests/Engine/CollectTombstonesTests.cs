using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

/// <summary>CollectTombstonesAsync: each branch of the rule, chunking, and the range and tenant filters.</summary>
public sealed class CollectTombstonesTests : IAsyncLifetime
{
    private const long Cutoff = 1_000_000_000;
    private const ulong Quarter = 1UL << 62;
    private readonly TempDirectory _directory = new();
    private StorageEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = TestEngines.Open(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task CollectTombstonesAsync_VersionExpiredAtTheCutoffBesideALiveOne_RemovesOnlyTheExpiredVersion()
    {
        var live = Live("live", 1, ("b", 1));
        await _engine.WriteAsync("t", "k", live);
        await _engine.WriteAsync("t", "k", Expiring(("a", 1), expiresAt: Cutoff));

        var result = await Collect();

        result.Should().Be(new CollectResult(0, 1));
        (await _engine.ReadAsync("t", "k")).Should().Equal(live);
        (await Collect()).Should().Be(new CollectResult(0, 0), "the rewritten row no longer holds an expiry");
    }

    [Fact]
    public async Task CollectTombstonesAsync_VersionExpiringAfterTheCutoff_Kept()
    {
        await _engine.WriteAsync("t", "k", Expiring(("a", 1), expiresAt: Cutoff + 1));

        (await Collect()).Should().Be(new CollectResult(0, 0));
        (await _engine.ReadAsync("t", "k")).Should().ContainSingle();
    }

    [Fact]
    public async Task CollectTombstonesAsync_OnlyVersionExpired_DeletesTheKey()
    {
        await _engine.WriteAsync("t", "k", Expiring(("a", 1), expiresAt: Cutoff - 1));

        (await Collect()).Should().Be(new CollectResult(1, 1));
        (await _engine.ReadAsync("t", "k")).Should().BeEmpty();
        _engine.Stats.Should().Be(new KeyStats(0, 0));
    }

    [Fact]
    public async Task CollectTombstonesAsync_TombstonesAllStampedAtOrBeforeTheCutoff_DeletesTheKey()
    {
        await _engine.WriteAsync("t", "k", Tombstone(Cutoff - 5, ("a", 1)));
        await _engine.WriteAsync("t", "k", Tombstone(Cutoff, ("b", 1)));
        await _engine.WriteAsync("t", "kept", Live("v", 1, ("a", 1)));

        (await Collect()).Should().Be(new CollectResult(1, 2));
        (await _engine.ReadAsync("t", "k")).Should().BeEmpty();
        _engine.Stats.Should().Be(await _engine.CountAsync(RingRange.All));
        _engine.Stats.Keys.Should().Be(1);
    }

    [Fact]
    public async Task CollectTombstonesAsync_OneTombstoneNewerThanTheCutoff_KeepsTheKey()
    {
        await _engine.WriteAsync("t", "k", Tombstone(Cutoff, ("a", 1)));
        await _engine.WriteAsync("t", "k", Tombstone(Cutoff + 1, ("b", 1)));

        (await Collect()).Should().Be(new CollectResult(0, 0));
        (await _engine.ReadAsync("t", "k")).Should().HaveCount(2);
    }

    [Fact]
    public async Task CollectTombstonesAsync_OldTombstoneBesideALiveVersion_KeepsTheKey()
    {
        await _engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));
        await _engine.WriteAsync("t", "k", Tombstone(2, ("b", 1)));

        (await Collect()).Should().Be(new CollectResult(0, 0));
        (await _engine.ReadAsync("t", "k")).Should().HaveCount(2);
    }

    [Fact]
    public async Task CollectTombstonesAsync_ExpiredVersionBesideAnOldTombstone_DeletesTheKey()
    {
        await _engine.WriteAsync("t", "k", Expiring(("a", 1), expiresAt: Cutoff));
        await _engine.WriteAsync("t", "k", Tombstone(3, ("b", 1)));

        (await Collect()).Should().Be(new CollectResult(1, 2));
        (await _engine.ReadAsync("t", "k")).Should().BeEmpty();
    }

    [Fact]
    public async Task CollectTombstonesAsync_ExpiredVersionBesideANewTombstone_KeepsOnlyTheTombstone()
    {
        var tombstone = Tombstone(Cutoff + 1, ("b", 1));
        await _engine.WriteAsync("t", "k", Expiring(("a", 1), expiresAt: Cutoff));
        await _engine.WriteAsync("t", "k", tombstone);

        (await Collect()).Should().Be(new CollectResult(0, 1));
        (await _engine.ReadAsync("t", "k")).Should().Equal(tombstone);
    }

    [Fact]
    public async Task CollectTombstonesAsync_NeverExpiringLiveVersion_Kept()
    {
        await _engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));

        (await Collect()).Should().Be(new CollectResult(0, 0));
        (await _engine.ReadAsync("t", "k")).Should().ContainSingle();
    }

    [Fact]
    public async Task CollectTombstonesAsync_MoreCandidatesThanAChunk_CollectsThemAllAndKeepsTheRest()
    {
        var writes = new List<Task<WriteOutcome>>();
        for (var i = 0; i < 2500; i++)
        {
            writes.Add(_engine.WriteAsync("t", "dead-" + i, Tombstone(1, ("a", 1))).AsTask());
            writes.Add(_engine.WriteAsync("t", "new-" + i, Tombstone(Cutoff + 1, ("a", 1))).AsTask());
            writes.Add(_engine.WriteAsync("t", "live-" + i, Live("v", 1, ("a", 1))).AsTask());
        }

        await Task.WhenAll(writes);

        (await Collect()).Should().Be(new CollectResult(2500, 2500));
        _engine.Stats.Should().Be(await _engine.CountAsync(RingRange.All));
        _engine.Stats.Keys.Should().Be(5000);
        (await _engine.ReadAsync("t", "dead-2499")).Should().BeEmpty();
        (await _engine.ReadAsync("t", "new-2499")).Should().ContainSingle();
    }

    [Fact]
    public async Task ReadCollectable_FewCandidatesAmongOtherKeys_EachChunkExaminesAtMostItsLimitAndTheChunksCoverEveryRowOnce()
    {
        // Arrange: 30 candidates among 60 keys that are not (live ones, and old tombstones of a tenant not listed).
        for (var i = 0; i < 30; i++)
        {
            await _engine.WriteAsync("t", "live-" + i, Live("v", 1, ("a", 1)));
            await _engine.WriteAsync("other", "dead-" + i, Tombstone(1, ("a", 1)));
            await _engine.WriteAsync("t", "dead-" + i, Tombstone(1, ("a", 1)));
        }

        await _engine.DisposeAsync();
        using var connection = SqliteSchema.Open(TestEngines.Options(_directory.Path), readOnly: false);
        using var session = new WriterSession(connection, TimeProvider.System, maxSiblings: 100);

        // Act: walk the whole ring in chunks of 7 rows, as the collection's commands do.
        var chunks = new List<List<CollectRow>>();
        var after = RingCursor.Before(long.MinValue);
        do
        {
            chunks.Add(session.ReadCollectable(after, long.MaxValue, TenantList.ToJson(["t"]), Cutoff, limit: 7));
            if (chunks[^1].Count > 0)
            {
                after = new RingCursor(chunks[^1][^1].StoredRing, chunks[^1][^1].Tenant, chunks[^1][^1].Key);
            }
        }
        while (chunks[^1].Count == 7);

        // Assert: no chunk read more than its limit, whatever it found; every row came once, in ring order; exactly
        // the listed tenant's old tombstones carry their versions.
        chunks.Should().AllSatisfy(static chunk => chunk.Count.Should().BeLessThanOrEqualTo(7));
        var rows = chunks.SelectMany(static chunk => chunk).ToList();
        rows.Should().HaveCount(90);
        rows.Select(static row => (row.Tenant, row.Key)).Should().OnlyHaveUniqueItems();
        rows.Select(static row => row.StoredRing).Should().BeInAscendingOrder();
        rows.Where(static row => row.Versions is not null).Select(static row => row.Tenant + "/" + row.Key)
            .Should().BeEquivalentTo(Enumerable.Range(0, 30).Select(static i => "t/dead-" + i));
    }

    [Fact]
    public async Task CollectTombstonesAsync_WrappingRangeOfOneTenant_CollectsOnlyThere()
    {
        var writes = new List<Task<WriteOutcome>>();
        for (var i = 0; i < 400; i++)
        {
            writes.Add(_engine.WriteAsync("t", "k" + i, Tombstone(1, ("a", 1))).AsTask());
            writes.Add(_engine.WriteAsync("other", "k" + i, Tombstone(1, ("a", 1))).AsTask());
        }

        await Task.WhenAll(writes);
        var range = new RingRange(3 * Quarter, Quarter);
        var inRange = (await _engine.CountAsync(range, "t")).Keys;

        var result = await _engine.CollectTombstonesAsync(range, ["t"], Cutoff);

        inRange.Should().BeInRange(1, 399);
        result.Should().Be(new CollectResult(inRange, inRange));
        (await _engine.CountAsync(range, "t")).Keys.Should().Be(0);
        (await _engine.CountAsync(RingRange.All, "t")).Keys.Should().Be(400 - inRange);
        (await _engine.CountAsync(RingRange.All, "other")).Keys.Should().Be(400);
    }

    [Fact]
    public async Task CollectTombstonesAsync_CancelledCall_ThrowsAndRemovesNothing()
    {
        await _engine.WriteAsync("t", "k", Tombstone(1, ("a", 1)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _engine.CollectTombstonesAsync(RingRange.All, ["t"], Cutoff, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await _engine.ReadAsync("t", "k")).Should().ContainSingle();
    }

    private static VersionedValue Expiring((string Node, long Counter) clock, long expiresAt) =>
        new(new byte[] { 1 }, Clock(clock), 1, "coord-1", tombstone: false, expiresAtMicros: expiresAt);

    private Task<CollectResult> Collect() => _engine.CollectTombstonesAsync(RingRange.All, ["t"], Cutoff);
}
