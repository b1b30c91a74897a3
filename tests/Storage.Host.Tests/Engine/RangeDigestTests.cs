using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

/// <summary>DigestRangeAsync on two engines given the same (or nearly the same) versions.</summary>
public sealed class RangeDigestTests : IAsyncLifetime
{
    private const int Keys = 300;
    private const int Leaves = 16;
    private const ulong Quarter = 1UL << 62;
    private readonly TempDirectory _directoryA = new();
    private readonly TempDirectory _directoryB = new();
    private StorageEngine _a = null!;
    private StorageEngine _b = null!;

    public Task InitializeAsync()
    {
        _a = TestEngines.Open(_directoryA);
        _b = TestEngines.Open(_directoryB);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _directoryA.Dispose();
        _directoryB.Dispose();
    }

    [Fact]
    public async Task DigestRangeAsync_SameVersionsWrittenInDifferentOrders_AnswersEqualDigests()
    {
        await FillInOrderAsync(_a, "t");
        await FillReversedAsync(_b, "t");

        var a = await _a.DigestRangeAsync(RingRange.All, ["t"], Leaves);
        var b = await _b.DigestRangeAsync(RingRange.All, ["t"], Leaves);

        a.Should().HaveCount(Leaves).And.Equal(b);
        a.Sum(static arc => arc.Keys).Should().Be(Keys);
        a.Should().OnlyContain(static arc => arc.Hash != 0 && arc.Keys > 0);
    }

    [Fact]
    public async Task DigestRangeAsync_OneKeyHoldsAnotherVersion_OnlyItsLeafDiffers()
    {
        await FillInOrderAsync(_a, "t");
        await FillInOrderAsync(_b, "t");
        await _b.WriteAsync("t", "key-42", Live("concurrent", 5, ("z", 1)));
        var expected = RingLeaves.IndexOf(RingRange.All, Leaves, RingPositions.Compute("t", "key-42"));

        var a = await _a.DigestRangeAsync(RingRange.All, ["t"], Leaves);
        var b = await _b.DigestRangeAsync(RingRange.All, ["t"], Leaves);

        Enumerable.Range(0, Leaves).Where(i => a[i] != b[i]).Should().Equal(expected);
        b[expected].Keys.Should().Be(a[expected].Keys, "the key is in both; only its versions differ");
    }

    [Fact]
    public async Task DigestRangeAsync_TenantFilter_CountsOnlyTheListedTenants()
    {
        await FillInOrderAsync(_a, "t");
        await FillInOrderAsync(_a, "other");
        await FillInOrderAsync(_b, "t");

        var onlyT = await _a.DigestRangeAsync(RingRange.All, ["t"], Leaves);
        var both = await _a.DigestRangeAsync(RingRange.All, ["t", "other"], Leaves);
        var none = await _a.DigestRangeAsync(RingRange.All, ["nobody"], Leaves);

        onlyT.Should().Equal(await _b.DigestRangeAsync(RingRange.All, ["t"], Leaves));
        both.Sum(static arc => arc.Keys).Should().Be(2 * Keys);
        none.Should().HaveCount(Leaves).And.OnlyContain(static arc => arc == default(ArcDigest));
    }

    [Theory]
    [InlineData(3 * Quarter, Quarter)]
    [InlineData(Quarter, 2 * Quarter)]
    [InlineData(77UL, 77UL)]
    [InlineData(0UL, 0UL)]
    public async Task DigestRangeAsync_WrappingRangeOrWholeRing_EachLeafHoldsTheKeysOfItsArc(ulong start, ulong end)
    {
        await FillInOrderAsync(_a, "t");
        await FillInOrderAsync(_a, "other");
        var range = new RingRange(start, end);

        var digest = await _a.DigestRangeAsync(range, ["t"], 7);

        digest.Should().HaveCount(7);
        for (var i = 0; i < 7; i++)
        {
            var leaf = RingLeaves.Leaf(range, 7, i);
            var hash = 0UL;
            await foreach (var batch in _a.ScanAsync(leaf, 1000, "t"))
            {
                foreach (var key in batch)
                {
                    hash ^= KeyDigest.Hash(key.Tenant, key.Key, key.Versions);
                }
            }

            digest[i].Should().Be(new ArcDigest(hash, (await _a.CountAsync(leaf, "t")).Keys), $"leaf {i} is {leaf}");
        }
    }

    [Fact]
    public async Task DigestRangeAsync_RangeNarrowerThanTheLeaves_OneLeafPerPosition()
    {
        await FillInOrderAsync(_a, "t");
        var position = RingPositions.Compute("t", "key-7");
        var range = new RingRange(position - 1, position + 2);

        var digest = await _a.DigestRangeAsync(range, ["t"], 10);

        digest.Should().HaveCount(3);
        digest[0].Keys.Should().Be(1);
    }

    [Fact]
    public async Task DigestRangeAsync_ManyKeysOfAnotherTenantAcrossPages_SameDigestAsTheListedTenantAlone()
    {
        // Arrange: 2,500 keys of a tenant not listed around the 300 listed ones, so the walk spans several pages, most
        // of whose keys are not counted.
        await FillInOrderAsync(_a, "t");
        await Task.WhenAll(Enumerable.Range(0, 2500).Select(i => _a.WriteAsync("other", "key-" + i, Live("v", 1, ("a", 1))).AsTask()));
        await FillInOrderAsync(_b, "t");

        // Act
        var a = await _a.DigestRangeAsync(RingRange.All, ["t"], Leaves);
        var b = await _b.DigestRangeAsync(RingRange.All, ["t"], Leaves);

        // Assert
        a.Should().Equal(b);
        a.Sum(static arc => arc.Keys).Should().Be(Keys);
    }

    [Fact]
    public async Task DigestPage_KeysOfTenantsNotListed_CountTowardsThePageLimit()
    {
        // Arrange: one listed key among 50 of another tenant.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _a.WriteAsync("other", "key-" + i, Live("v", 1, ("a", 1))).AsTask()));
        await _a.WriteAsync("t", "key-1", Live("v", 1, ("a", 1)));
        using var session = new ReadSession(SqliteSchema.Open(TestEngines.Options(_directoryA.Path), readOnly: true));

        // Act: walk the ring in pages of 7 keys examined.
        var rows = new List<ScanRow>();
        var after = RingCursor.Before(long.MinValue);
        var pages = 0;
        bool exhausted;
        do
        {
            exhausted = session.DigestPage(after, long.MaxValue, TenantList.ToJson(["t"]), limit: 7, long.MaxValue, rows, out var last);
            last.Should().NotBe(after, "51 keys in pages of 7: every page examines at least one");
            after = last;
            pages++;
        }
        while (!exhausted);

        // Assert: 51 keys examined 7 at a time, whatever their tenant; only the listed one returned.
        pages.Should().Be(8);
        rows.Should().ContainSingle().Which.Key.Should().Be("key-1");
    }

    [Fact]
    public async Task DigestRangeAsync_PagesCutByTheirBytes_SameDigestAsWholePages()
    {
        // Arrange: a node whose pages end after 64 bytes of versions, so nearly every key starts a page.
        using var directory = new TempDirectory();
        await using var small = TestEngines.Open(directory, static o => o with { MaxScanBatchBytes = 64 });
        await FillInOrderAsync(small, "t");
        await FillInOrderAsync(_b, "t");

        // Act
        var cut = await small.DigestRangeAsync(RingRange.All, ["t"], Leaves);
        var whole = await _b.DigestRangeAsync(RingRange.All, ["t"], Leaves);

        // Assert
        cut.Should().Equal(whole);
        cut.Sum(static arc => arc.Keys).Should().Be(Keys);
    }

    [Fact]
    public async Task DigestRangeAsync_CancelledCall_Throws()
    {
        await FillInOrderAsync(_a, "t");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _a.DigestRangeAsync(RingRange.All, ["t"], Leaves, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    // Per key: a live version, for some keys a concurrent sibling, a concurrent tombstone, an expiring sibling.
    private static List<VersionedValue> VersionsOf(int i)
    {
        var versions = new List<VersionedValue> { Live("value-" + i, i, ("a", 2)) };
        if (i % 3 == 0)
        {
            versions.Add(Live("sibling-" + i, i + 1, ("b", 1)));
        }

        if (i % 5 == 0)
        {
            versions.Add(Tombstone(i + 2, ("c", 1)));
        }

        if (i % 7 == 0)
        {
            versions.Add(new VersionedValue(new byte[] { 7 }, Clock(("d", 1)), i + 3, "coord-2", tombstone: false, expiresAtMicros: i + 1000));
        }

        return versions;
    }

    private static async Task FillInOrderAsync(StorageEngine engine, string tenant)
    {
        for (var i = 0; i < Keys; i++)
        {
            foreach (var version in VersionsOf(i))
            {
                await engine.WriteAsync(tenant, "key-" + i, version);
            }
        }
    }

    // Keys in reverse order, each first given an older version its final one replaces, then its versions reversed in
    // one repair, so rows are written in another order and hold their siblings in another order.
    private static async Task FillReversedAsync(StorageEngine engine, string tenant)
    {
        for (var i = Keys - 1; i >= 0; i--)
        {
            await engine.WriteAsync(tenant, "key-" + i, Live("older", 0, ("a", 1)));
            var versions = VersionsOf(i);
            versions.Reverse();
            await engine.RepairAsync(tenant, "key-" + i, versions);
        }
    }
}
