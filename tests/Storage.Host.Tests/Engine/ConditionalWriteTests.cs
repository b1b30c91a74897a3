using FluentAssertions;
using PairDb.Messages.Ring;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

/// <summary>The engine's conditional write: stored only when its clock strictly dominates every stored clock.</summary>
public sealed class ConditionalWriteTests : EngineTest
{
    [Fact]
    public async Task WriteAsync_IfDominatesOnEmptyKey_Applied()
    {
        var version = Live("v1", 10, ("a", 1));

        var outcome = await Engine.WriteAsync("t", "k", version, ifDominates: true);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(version);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesEverySibling_AppliedAndReplacesThem()
    {
        await Engine.WriteAsync("t", "k", Live("a", 10, ("a", 1)));
        await Engine.WriteAsync("t", "k", Tombstone(11, ("b", 1)));
        var dominating = Live("c", 5, ("a", 1), ("b", 2));

        var outcome = await Engine.WriteAsync("t", "k", dominating, ifDominates: true);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(dominating);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesAtSiblingBound_AppliedAndResolvesSiblings()
    {
        for (var i = 0; i < 3; i++)
        {
            await Engine.WriteAsync("t", "k", Live("v" + i, 10 + i, ("n" + i, 1)));
        }

        var resolved = Live("resolved", 30, ("n0", 1), ("n1", 1), ("n2", 1), ("x", 1));

        var outcome = await Engine.WriteAsync("t", "k", resolved, ifDominates: true);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(resolved);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesTheVeryVersionStored_DroppedAsADuplicateNotAConflict()
    {
        var version = Live("v", 10, ("a", 1));
        await Engine.RepairAsync("t", "k", [version]);

        var outcome = await Engine.WriteAsync("t", "k", Live("v", 10, ("a", 1)), ifDominates: true);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Dropped, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(version);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesIdenticalClockSameValueOtherTimestamp_Conflict()
    {
        // Only the very same version passes: an identical clock on any other field may be a reused clock.
        var stored = Live("v", 10, ("a", 1));
        await Engine.WriteAsync("t", "k", stored);

        var outcome = await Engine.WriteAsync("t", "k", Live("v", 11, ("a", 1)), ifDominates: true);

        outcome.Status.Should().Be(WriteStatus.Conflict);
        (await Engine.ReadAsync("t", "k")).Should().Equal(stored);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesIdenticalClockNewerValue_ConflictAndStoredUnchanged()
    {
        var stored = Live("old", 10, ("a", 1));
        await Engine.WriteAsync("t", "k", stored);

        // An unconditional write of this version would win last-write-wins and replace the stored one.
        var outcome = await Engine.WriteAsync("t", "k", Live("new", 99, ("a", 1)), ifDominates: true);

        outcome.Status.Should().Be(WriteStatus.Conflict);
        outcome.Applied.Should().BeFalse();
        outcome.SiblingCount.Should().Be(1);
        outcome.Current.Should().Equal(stored);
        (await Engine.ReadAsync("t", "k")).Should().Equal(stored);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesConcurrentClock_ConflictWithEveryStoredVersion()
    {
        var first = Live("a", 10, ("a", 1));
        var second = Live("b", 11, ("b", 1));
        await Engine.WriteAsync("t", "k", first);
        await Engine.WriteAsync("t", "k", second);

        // Dominates the first sibling but is concurrent with the second: still a conflict.
        var outcome = await Engine.WriteAsync("t", "k", Live("c", 12, ("a", 2)), ifDominates: true);

        outcome.Status.Should().Be(WriteStatus.Conflict);
        outcome.SiblingCount.Should().Be(2);
        outcome.Current.Should().Equal(second, first);
        (await Engine.ReadAsync("t", "k")).Should().Equal(second, first);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesOlderClock_ConflictWithStoredVersion()
    {
        var newer = Live("new", 10, ("a", 3));
        await Engine.WriteAsync("t", "k", newer);

        var outcome = await Engine.WriteAsync("t", "k", Live("old", 50, ("a", 2)), ifDominates: true);

        outcome.Status.Should().Be(WriteStatus.Conflict);
        outcome.Current.Should().Equal(newer);
        (await Engine.ReadAsync("t", "k")).Should().Equal(newer);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesOverTombstoneNotDominated_Conflict()
    {
        var tombstone = Tombstone(10, ("a", 2));
        await Engine.WriteAsync("t", "k", tombstone);

        var outcome = await Engine.WriteAsync("t", "k", Live("v", 20, ("b", 1)), ifDominates: true);

        outcome.Status.Should().Be(WriteStatus.Conflict);
        outcome.Current.Should().ContainSingle().Which.Tombstone.Should().BeTrue();
        (await Engine.ReadAsync("t", "k")).Should().Equal(tombstone);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesOverDominatedTombstone_Applied()
    {
        await Engine.WriteAsync("t", "k", Tombstone(10, ("a", 2)));
        var revived = Live("v", 20, ("a", 3));

        var outcome = await Engine.WriteAsync("t", "k", revived, ifDominates: true);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 1));
        (await Engine.ReadAsync("t", "k")).Should().Equal(revived);
    }

    [Fact]
    public async Task WriteAsync_UnconditionalConcurrentClock_StillKeptAsSibling()
    {
        var first = Live("a", 10, ("a", 1));
        await Engine.WriteAsync("t", "k", first);
        var concurrent = Live("b", 11, ("b", 1));

        var outcome = await Engine.WriteAsync("t", "k", concurrent, ifDominates: false);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 2));
        (await Engine.ReadAsync("t", "k")).Should().Equal(concurrent, first);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesConflict_KeyAndByteCountsUnchanged()
    {
        await Engine.WriteAsync("t", "k", Live("stored", 10, ("a", 2)));
        var before = Engine.Stats;

        var outcome = await Engine.WriteAsync("t", "k", Live("a much longer value than the stored one", 20, ("b", 1)), ifDominates: true);

        outcome.Status.Should().Be(WriteStatus.Conflict);
        Engine.Stats.Should().Be(before);
        (await Engine.CountAsync(RingRange.All)).Should().Be(before);
    }

    [Fact]
    public async Task WriteAsync_IfDominatesSameBaseQueuedTogether_ExactlyOneApplied()
    {
        await Engine.WriteAsync("t", "k", Live("base", 1, ("a", 1)));

        // Each write dominates the base but is concurrent with the others, as when several coordinators write from
        // the same state: the first one the writer runs wins, every later one sees it and conflicts.
        var writes = new Task<WriteOutcome>[8];
        for (var i = 0; i < writes.Length; i++)
        {
            writes[i] = Engine.WriteAsync("t", "k", Live("w" + i, 10 + i, ("a", 1), ("w" + i, 1)), ifDominates: true).AsTask();
        }

        var outcomes = await Task.WhenAll(writes);

        var applied = Array.FindAll(outcomes, static o => o.Applied);
        applied.Should().ContainSingle();
        var stored = await Engine.ReadAsync("t", "k");
        stored.Should().ContainSingle();
        foreach (var outcome in outcomes)
        {
            if (!outcome.Applied)
            {
                outcome.Status.Should().Be(WriteStatus.Conflict);
                outcome.Current.Should().Equal(stored);
            }
        }
    }

    [Fact]
    public async Task RepairAsync_AfterConditionalConflict_StillMergesAsBefore()
    {
        var stored = Live("a", 10, ("a", 1));
        await Engine.WriteAsync("t", "k", stored);
        var concurrent = Live("b", 11, ("b", 1));
        await Engine.WriteAsync("t", "k", concurrent, ifDominates: true);

        var outcome = await Engine.RepairAsync("t", "k", [concurrent]);

        outcome.Should().Be(new WriteOutcome(WriteStatus.Applied, 2));
        (await Engine.ReadAsync("t", "k")).Should().Equal(SiblingSet.MergeAll([stored, concurrent]));
    }
}
