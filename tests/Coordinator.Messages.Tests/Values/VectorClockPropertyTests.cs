using FluentAssertions;
using FsCheck.Fluent;
using PairDb.Messages.Tests.Support;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class VectorClockPropertyTests
{
    [Fact]
    public void Generator_ClockPairs_CoverEveryOrder()
    {
        var pairs = ValueGenerators.Clock.Two().Sample(400, new FsCheck.Rnd(42), 10);

        var orders = pairs.Select(p => p.Item1.CompareTo(p.Item2)).Distinct();

        orders.Should().BeEquivalentTo([ClockOrder.Before, ClockOrder.After, ClockOrder.Identical, ClockOrder.Concurrent]);
    }

    [Fact]
    public void CompareTo_AnyPair_AgreesWithPointwiseModel()
    {
        PropertyRunner.Check(1, Prop.ForAll(ValueGenerators.ClockArb, ValueGenerators.ClockArb, (a, b) =>
        {
            var left = ValueGenerators.Counters(a);
            var right = ValueGenerators.Counters(b);
            bool leftGreater = false, rightGreater = false;
            for (var i = 0; i < left.Length; i++)
            {
                leftGreater |= left[i] > right[i];
                rightGreater |= right[i] > left[i];
            }

            var expected = leftGreater && rightGreater ? ClockOrder.Concurrent
                : leftGreater ? ClockOrder.After
                : rightGreater ? ClockOrder.Before
                : ClockOrder.Identical;
            return a.CompareTo(b) == expected;
        }));
    }

    [Fact]
    public void CompareTo_AnyPair_IsAntisymmetric()
    {
        PropertyRunner.Check(2, Prop.ForAll(ValueGenerators.ClockArb, ValueGenerators.ClockArb, (a, b) =>
        {
            var forward = a.CompareTo(b);
            var backward = b.CompareTo(a);
            return (forward == ClockOrder.Before) == (backward == ClockOrder.After)
                && (forward == ClockOrder.After) == (backward == ClockOrder.Before)
                && (forward == ClockOrder.Concurrent) == (backward == ClockOrder.Concurrent)
                && (forward == ClockOrder.Identical) == (backward == ClockOrder.Identical);
        }));
    }

    [Fact]
    public void CompareTo_AnyPair_IdenticalIffEqual()
    {
        PropertyRunner.Check(3, Prop.ForAll(ValueGenerators.ClockArb, ValueGenerators.ClockArb, (a, b) =>
        {
            var identical = a.CompareTo(b) == ClockOrder.Identical;
            var sameCounters = ValueGenerators.Counters(a).AsSpan().SequenceEqual(ValueGenerators.Counters(b));
            return identical == a.Equals(b)
                && identical == sameCounters
                && (!identical || a.GetHashCode() == b.GetHashCode());
        }));
    }

    [Fact]
    public void Merge_AnyPair_IsCommutativeIdempotentLeastUpperBound()
    {
        PropertyRunner.Check(4, Prop.ForAll(ValueGenerators.ClockArb, ValueGenerators.ClockArb, (a, b) =>
        {
            var merged = a.Merge(b);
            var counters = ValueGenerators.Counters(merged);
            var left = ValueGenerators.Counters(a);
            var right = ValueGenerators.Counters(b);
            for (var i = 0; i < counters.Length; i++)
            {
                counters[i].Should().Be(Math.Max(left[i], right[i]));
            }

            merged.Should().Be(b.Merge(a));
            a.Merge(a).Should().Be(a);
            merged.CompareTo(a).Should().BeOneOf(ClockOrder.After, ClockOrder.Identical);
            merged.CompareTo(b).Should().BeOneOf(ClockOrder.After, ClockOrder.Identical);
        }));
    }

    [Fact]
    public void Merge_AnyTriple_IsAssociative()
    {
        PropertyRunner.Check(5, Prop.ForAll(ValueGenerators.ClockArb, ValueGenerators.ClockArb, ValueGenerators.ClockArb,
            (a, b, c) => a.Merge(b).Merge(c).Equals(a.Merge(b.Merge(c)))));
    }

    [Fact]
    public void Increment_AnyClock_StrictlyDominatesByExactlyOne()
    {
        PropertyRunner.Check(6, Prop.ForAll(ValueGenerators.ClockArb, ValueGenerators.NodeIdArb, (clock, nodeId) =>
        {
            var incremented = clock.Increment(nodeId);

            incremented.CompareTo(clock).Should().Be(ClockOrder.After);
            clock.CompareTo(incremented).Should().Be(ClockOrder.Before);
            incremented.Get(nodeId).Should().Be(clock.Get(nodeId) + 1);
            foreach (var other in ValueGenerators.NodeIds)
            {
                if (other != nodeId)
                {
                    incremented.Get(other).Should().Be(clock.Get(other));
                }
            }
        }));
    }

    [Fact]
    public void From_EntriesWithDuplicatesAndZeros_KeepsMaxPositiveCounterPerId()
    {
        PropertyRunner.Check(7, Prop.ForAll(ValueGenerators.EntriesArb, entries =>
        {
            var clock = VectorClock.From(entries);

            var expected = new Dictionary<string, long>();
            foreach (var entry in entries)
            {
                if (entry.Counter > 0)
                {
                    expected[entry.NodeId] = Math.Max(expected.GetValueOrDefault(entry.NodeId), entry.Counter);
                }
            }

            clock.Count.Should().Be(expected.Count);
            clock.Entries.Select(e => e.NodeId).Should().BeInAscendingOrder(StringComparer.Ordinal);
            foreach (var entry in clock.Entries)
            {
                entry.Counter.Should().Be(expected[entry.NodeId]);
            }
        }));
    }

    [Fact]
    public void Prune_AnyClock_BoundsSizeKeepsKeepAndOnlyDropsEntries()
    {
        var maxEntries = FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(1, 5));
        PropertyRunner.Check(8, Prop.ForAll(ValueGenerators.ClockArb, maxEntries, ValueGenerators.NodeIdArb, (clock, max, keep) =>
        {
            var pruned = clock.Prune(max, keep);

            pruned.Count.Should().Be(Math.Min(clock.Count, max));
            if (clock.Get(keep) > 0)
            {
                pruned.Get(keep).Should().Be(clock.Get(keep));
            }

            foreach (var entry in pruned.Entries)
            {
                entry.Counter.Should().Be(clock.Get(entry.NodeId));
            }

            pruned.CompareTo(clock).Should().BeOneOf(ClockOrder.Before, ClockOrder.Identical);
        }));
    }

    [Fact]
    public void Prune_AnyClock_NeverDominatesWhatTheOriginalDidNot()
    {
        var maxEntries = FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(1, 4));
        PropertyRunner.Check(9, Prop.ForAll(ValueGenerators.ClockArb, maxEntries, ValueGenerators.ClockArb, (clock, max, other) =>
        {
            var pruned = clock.Prune(max);
            var before = clock.CompareTo(other);
            var after = pruned.CompareTo(other);

            // Pruning may demote After/Identical to Concurrent/Before, never promote anything to After.
            return after != ClockOrder.After || before == ClockOrder.After;
        }));
    }
}
