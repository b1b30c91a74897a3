using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class StorageEngineMergeTests : EngineTest
{
    [Fact]
    public async Task WriteAsync_NewKey_StoresOneVersion()
    {
        var version = Live("v1", 10, ("a", 1));

        var outcome = await Engine.WriteAsync("t", "k", version);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(version);
    }

    [Fact]
    public async Task WriteAsync_DominatingVersion_ReplacesStoredSiblings()
    {
        await Engine.WriteAsync("t", "k", Live("a", 10, ("a", 1)));
        await Engine.WriteAsync("t", "k", Live("b", 11, ("b", 1)));
        var dominating = Live("c", 12, ("a", 1), ("b", 1), ("c", 1));

        var outcome = await Engine.WriteAsync("t", "k", dominating);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(dominating);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentVersion_KeptBesideStoredOne()
    {
        var first = Live("a", 10, ("a", 1));
        var second = Live("b", 11, ("b", 1));
        await Engine.WriteAsync("t", "k", first);

        var outcome = await Engine.WriteAsync("t", "k", second);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 2));
        (await Engine.ReadAsync("t", "k")).Should().Equal(second, first);
    }

    [Fact]
    public async Task WriteAsync_DominatedVersion_DroppedAndStoredUnchanged()
    {
        var newer = Live("new", 20, ("a", 2));
        await Engine.WriteAsync("t", "k", newer);

        var outcome = await Engine.WriteAsync("t", "k", Live("old", 30, ("a", 1)));

        outcome.Should().Be(new WriteOutcome(WriteStatus.Dropped, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(newer);
    }

    [Fact]
    public async Task WriteAsync_SameVersionTwice_SecondDropped()
    {
        var version = Live("v", 10, ("a", 1));
        await Engine.WriteAsync("t", "k", version);

        var outcome = await Engine.WriteAsync("t", "k", Live("v", 10, ("a", 1)));

        outcome.Applied.Should().BeFalse();
        (await Engine.ReadAsync("t", "k")).Should().Equal(version);
    }

    [Fact]
    public async Task WriteAsync_TombstoneDominatingLiveValue_LeavesOnlyTombstone()
    {
        await Engine.WriteAsync("t", "k", Live("v", 10, ("a", 1)));
        var tombstone = Tombstone(11, ("a", 2));

        var outcome = await Engine.WriteAsync("t", "k", tombstone);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        var stored = await Engine.ReadAsync("t", "k");
        stored.Should().Equal(tombstone);
        stored[0].Tombstone.Should().BeTrue();
    }

    [Fact]
    public async Task WriteAsync_TombstoneConcurrentWithLiveValue_BothKept()
    {
        var live = Live("v", 10, ("a", 1));
        var tombstone = Tombstone(11, ("b", 1));
        await Engine.WriteAsync("t", "k", live);

        var outcome = await Engine.WriteAsync("t", "k", tombstone);

        outcome.SiblingCount.Should().Be(2);
        (await Engine.ReadAsync("t", "k")).Should().Equal(tombstone, live);
    }

    [Fact]
    public async Task WriteAsync_BeyondSiblingBound_RefusedAndStoredUnchanged()
    {
        for (var i = 0; i < 3; i++)
        {
            await Engine.WriteAsync("t", "k", Live("v" + i, 10 + i, ("n" + i, 1)));
        }

        var before = await Engine.ReadAsync("t", "k");

        var outcome = await Engine.WriteAsync("t", "k", Live("extra", 20, ("n9", 1)));

        outcome.Should().Be(new WriteOutcome(WriteStatus.SiblingLimitExceeded, 3));
        (await Engine.ReadAsync("t", "k")).Should().Equal(before);
    }

    [Fact]
    public async Task WriteAsync_DominatingWriteAtSiblingBound_ResolvesSiblings()
    {
        for (var i = 0; i < 3; i++)
        {
            await Engine.WriteAsync("t", "k", Live("v" + i, 10 + i, ("n" + i, 1)));
        }

        var resolved = Live("resolved", 30, ("n0", 1), ("n1", 1), ("n2", 1), ("x", 1));

        var outcome = await Engine.WriteAsync("t", "k", resolved);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(resolved);
    }

    [Fact]
    public async Task RepairAsync_SeveralVersions_StoresTheirMerge()
    {
        await Engine.WriteAsync("t", "k", Live("stale", 5, ("a", 1)));
        IReadOnlyList<VersionedValue> incoming = [Live("x", 10, ("a", 2)), Live("y", 11, ("b", 1)), Live("z", 9, ("a", 1), ("b", 1))];

        var outcome = await Engine.RepairAsync("t", "k", incoming);

        var expected = SiblingSet.MergeAll([Live("stale", 5, ("a", 1)), .. incoming]);
        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, expected.Count));
        (await Engine.ReadAsync("t", "k")).Should().Equal(expected);
    }

    [Fact]
    public async Task RepairAsync_AllVersionsDominated_Dropped()
    {
        await Engine.WriteAsync("t", "k", Live("current", 20, ("a", 3), ("b", 3)));

        var outcome = await Engine.RepairAsync("t", "k", [Live("x", 10, ("a", 2)), Live("y", 11, ("b", 1))]);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Dropped, 1));
    }

    [Fact]
    public async Task RepairAsync_NoVersions_Throws()
    {
        var act = async () => await Engine.RepairAsync("t", "k", []);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ReadAsync_UnknownKey_ReturnsEmpty()
    {
        (await Engine.ReadAsync("t", "missing")).Should().BeEmpty();
    }

    [Fact]
    public async Task WriteAsync_SameKeyInTwoTenants_KeptApart()
    {
        await Engine.WriteAsync("t1", "k", Live("one", 10, ("a", 1)));
        await Engine.WriteAsync("t2", "k", Live("two", 10, ("a", 1)));

        Text((await Engine.ReadAsync("t1", "k"))[0]).Should().Be("one");
        Text((await Engine.ReadAsync("t2", "k"))[0]).Should().Be("two");
    }

    [Fact]
    public async Task Stats_AfterWrites_CountKeysAndBytes()
    {
        await Engine.WriteAsync("t", "k1", Live("1234567890", 10, ("a", 1)));
        var afterFirst = Engine.Stats;
        await Engine.WriteAsync("t", "k2", Live("x", 10, ("a", 1)));
        await Engine.WriteAsync("t", "k1", Live("12", 11, ("a", 2)));

        afterFirst.Keys.Should().Be(1);
        afterFirst.Bytes.Should().BeGreaterThan(10);
        Engine.Stats.Keys.Should().Be(2);
        Engine.Stats.Should().Be(await Engine.CountAsync(RingRange.All));
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ThrowsObjectDisposed()
    {
        await Engine.DisposeAsync();

        var act = async () => await Engine.WriteAsync("t", "k", Live("v", 1, ("a", 1)));

        await act.Should().ThrowAsync<ObjectDisposedException>();
        Engine.IsOpen.Should().BeFalse();
    }
}
