using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

public sealed class ConditionalWritePropertyTests : IAsyncLifetime
{
    private static readonly string[] Nodes = ["a", "b", "c"];

    private readonly TempDirectory _directory = new();
    private StorageEngine _engine = null!;
    private int _case;
    private int _applied;
    private int _conflicts;
    private int _duplicates;

    /// <summary>How the incoming clock is built, so that every outcome is common rather than left to chance.</summary>
    private enum IncomingClock
    {
        /// <summary>Random counters: mostly older, identical or concurrent.</summary>
        Random,

        /// <summary>The merge of the stored clocks, one node incremented: dominates them all.</summary>
        MergedPlusOne,

        /// <summary>The merge of the stored clocks: identical to a lone sibling, so never strictly after all of them.</summary>
        Merged,

        /// <summary>A stored version itself, every field equal (a duplicate when it is the lone sibling).</summary>
        Stored,
    }

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

    // Small counters over three nodes make dominated, identical and concurrent clocks all common.
    private static Gen<VectorClock> ClockGen =>
        Gen.ArrayOf(Gen.Choose(0, 3), Nodes.Length).Select(static counters => VectorClock.From(Entries(counters)));

    private static Gen<VersionedValue> VersionGen =>
        from clock in ClockGen
        from timestamp in Gen.Choose(1, 4)
        from tombstone in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from value in Gen.Elements("x", "y", "zz")
        select new VersionedValue(System.Text.Encoding.UTF8.GetBytes(value), clock, timestamp, "c1", tombstone);

    [Fact]
    public void WriteAsync_IfDominates_AppliedIffStrictlyAfterEveryStoredClock_DuplicateOfTheStoredVersionDropped()
    {
        var arb = (from history in Gen.ArrayOf(VersionGen)
                   from mode in Gen.Elements(IncomingClock.Random, IncomingClock.MergedPlusOne, IncomingClock.Merged, IncomingClock.Stored)
                   from incoming in VersionGen
                   from node in Gen.Elements(Nodes)
                   select (history, mode, incoming, node)).ToArbitrary();

        PropertyRunner.Check(201, Prop.ForAll(arb, input =>
        {
            var key = "p" + Interlocked.Increment(ref _case);
            foreach (var version in input.history)
            {
                _engine.WriteAsync("t", key, version).AsTask().GetAwaiter().GetResult();
            }

            var stored = _engine.ReadAsync("t", key).AsTask().GetAwaiter().GetResult();
            var incoming = input.mode == IncomingClock.Stored && stored.Count > 0
                ? stored[0]
                : WithClock(input.incoming, IncomingClockFor(input.mode, stored, input.incoming.Clock, input.node));

            var outcome = _engine.WriteAsync("t", key, incoming, ifDominates: true).AsTask().GetAwaiter().GetResult();

            var after = _engine.ReadAsync("t", key).AsTask().GetAwaiter().GetResult();
            if (stored.Count == 1 && stored[0].Equals(incoming))
            {
                // The very version is all the key holds: a duplicate. Held beside siblings, it is concurrent with them
                // (a sibling set is an antichain), so that is a conflict below.
                outcome.Status.Should().Be(WriteStatus.Dropped);
                outcome.SiblingCount.Should().Be(stored.Count);
                after.Should().Equal(stored);
                Interlocked.Increment(ref _duplicates);
            }
            else if (StrictlyAfterAll(incoming.Clock, stored))
            {
                outcome.Status.Should().Be(WriteStatus.Applied);
                outcome.SiblingCount.Should().Be(1);
                after.Should().Equal(incoming);
                Interlocked.Increment(ref _applied);
            }
            else
            {
                outcome.Status.Should().Be(WriteStatus.Conflict);
                outcome.SiblingCount.Should().Be(stored.Count);
                outcome.Current.Should().Equal(stored);
                after.Should().Equal(stored);
                Interlocked.Increment(ref _conflicts);
            }
        }), maxTest: 300);

        // Both branches must have been exercised for the property to mean anything.
        _applied.Should().BeGreaterThan(30);
        _conflicts.Should().BeGreaterThan(30);
        _duplicates.Should().BeGreaterThan(0);
    }

    private static VectorClock IncomingClockFor(IncomingClock mode, IReadOnlyList<VersionedValue> stored, VectorClock random, string node) =>
        mode switch
        {
            IncomingClock.MergedPlusOne => SiblingSet.MergedClock(stored).Increment(node),
            IncomingClock.Merged => SiblingSet.MergedClock(stored),
            _ => random,
        };

    private static VersionedValue WithClock(VersionedValue version, VectorClock clock) =>
        new(version.Value, clock, version.TimestampMicros, version.CoordinatorId, version.Tombstone);

    // The model, written from the definition rather than the engine's helper.
    private static bool StrictlyAfterAll(VectorClock incoming, IReadOnlyList<VersionedValue> stored)
    {
        foreach (var version in stored)
        {
            if (incoming.CompareTo(version.Clock) != ClockOrder.After)
            {
                return false;
            }
        }

        return true;
    }

    private static List<ClockEntry> Entries(int[] counters)
    {
        var entries = new List<ClockEntry>();
        for (var i = 0; i < counters.Length; i++)
        {
            entries.Add(new ClockEntry(Nodes[i], counters[i]));
        }

        return entries;
    }
}
