using FluentAssertions;
using FsCheck.Fluent;
using PairDb.Messages.Tests.Support;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Values;

public sealed class SiblingSetPropertyTests
{
    [Fact]
    public void Generator_Versions_ProduceConcurrentSiblings()
    {
        var sets = ValueGenerators.Versions.Sample(300, new FsCheck.Rnd(42), 10);

        var sizes = sets.Select(s => SiblingSet.MergeAll(s).Count).ToArray();

        sizes.Should().Contain(size => size >= 3, "properties must see real sibling sets, not single versions");
    }

    [Fact]
    public void MergeAll_AnyPermutation_GivesSameSequence()
    {
        PropertyRunner.Check(21, Prop.ForAll(ValueGenerators.PermutedVersionsArb, pair =>
            SiblingSet.MergeAll(pair.Original).Should().Equal(SiblingSet.MergeAll(pair.Shuffled))));
    }

    [Fact]
    public void MergeAll_TwoSets_IsCommutativeAndMergesStepwise()
    {
        PropertyRunner.Check(22, Prop.ForAll(ValueGenerators.VersionsArb, ValueGenerators.VersionsArb, (x, y) =>
        {
            var all = SiblingSet.MergeAll([.. x, .. y]);

            SiblingSet.MergeAll([.. y, .. x]).Should().Equal(all);
            SiblingSet.MergeAll([.. SiblingSet.MergeAll(x), .. SiblingSet.MergeAll(y)]).Should().Equal(all);
        }));
    }

    [Fact]
    public void MergeAll_AppliedTwice_IsIdempotent()
    {
        PropertyRunner.Check(23, Prop.ForAll(ValueGenerators.VersionsArb, x =>
        {
            var once = SiblingSet.MergeAll(x);

            SiblingSet.MergeAll(once).Should().Equal(once);
            SiblingSet.MergeAll([.. x, .. x]).Should().Equal(once);
            foreach (var version in once)
            {
                SiblingSet.Merge(once, version).Applied.Should().BeFalse();
            }
        }));
    }

    [Fact]
    public void MergeAll_Result_IsSortedAntichainOfInputVersions()
    {
        PropertyRunner.Check(24, Prop.ForAll(ValueGenerators.VersionsArb, x =>
        {
            var set = SiblingSet.MergeAll(x);

            for (var i = 0; i < set.Count; i++)
            {
                x.Should().Contain(set[i]);
                for (var j = i + 1; j < set.Count; j++)
                {
                    set[i].Clock.CompareTo(set[j].Clock).Should().Be(ClockOrder.Concurrent);
                    VersionedValue.CompareLastWriteWins(set[i], set[j]).Should().BePositive();
                }
            }
        }));
    }

    [Fact]
    public void MergeAll_AnyInput_DropsOnlyDominatedVersions()
    {
        PropertyRunner.Check(25, Prop.ForAll(ValueGenerators.VersionsArb, x =>
        {
            var set = SiblingSet.MergeAll(x);

            foreach (var version in x)
            {
                var covered = false;
                foreach (var kept in set)
                {
                    var order = kept.Clock.CompareTo(version.Clock);
                    covered |= kept.Equals(version)
                        || order == ClockOrder.After
                        || (order == ClockOrder.Identical && VersionedValue.CompareLastWriteWins(kept, version) > 0);
                }

                covered.Should().BeTrue($"{version} was dropped without a version that supersedes it");
            }
        }));
    }

    [Fact]
    public void MergeAll_DominatingVersionAnywhere_IsTheOnlySurvivor()
    {
        var arb = FsCheck.Fluent.Arb.From(
            from versions in ValueGenerators.Versions
            from writer in FsCheck.Fluent.Gen.Elements(ValueGenerators.NodeIds)
            from position in FsCheck.Fluent.Gen.Choose(0, versions.Length)
            from timestamp in FsCheck.Fluent.Gen.Choose(0, 3)
            select (versions, writer, position, timestamp));
        PropertyRunner.Check(26, Prop.ForAll(arb, input =>
        {
            // Even with an older timestamp than the others, a dominating clock wins: clocks outrank LWW.
            var dominating = new VersionedValue(
                new byte[] { 9 },
                SiblingSet.MergedClock(input.versions).Increment(input.writer),
                input.timestamp,
                input.writer,
                tombstone: false);
            var list = input.versions.ToList();
            list.Insert(input.position, dominating);

            SiblingSet.MergeAll(list).Should().Equal(dominating);
        }));
    }

    [Fact]
    public void Winner_AnySiblingSet_IsLastWriteWinsMaximumAndFirst()
    {
        PropertyRunner.Check(27, Prop.ForAll(ValueGenerators.VersionsArb, x =>
        {
            var set = SiblingSet.MergeAll(x);
            if (set.Count == 0)
            {
                return;
            }

            var winner = SiblingSet.Winner(set);

            winner.Should().BeSameAs(set[0]);
            foreach (var sibling in set)
            {
                VersionedValue.CompareLastWriteWins(winner, sibling).Should().BeGreaterThanOrEqualTo(0);
            }

            SiblingSet.Winner(set.Reverse().ToArray()).Should().BeSameAs(winner);
        }));
    }

    [Fact]
    public void MergedClock_AnySiblingSet_DominatesOrEqualsEverySibling()
    {
        PropertyRunner.Check(28, Prop.ForAll(ValueGenerators.VersionsArb, x =>
        {
            var set = SiblingSet.MergeAll(x);
            var merged = SiblingSet.MergedClock(set);

            foreach (var sibling in set)
            {
                merged.CompareTo(sibling.Clock).Should().BeOneOf(ClockOrder.After, ClockOrder.Identical);
            }

            merged.Increment("a").CompareTo(merged).Should().Be(ClockOrder.After);
        }));
    }

    [Fact]
    public void CompareLastWriteWins_AnyPair_IsAntisymmetricAndZeroOnlyForEqualVersions()
    {
        var pair = FsCheck.Fluent.Arb.From(ValueGenerators.Version.Two());
        PropertyRunner.Check(29, Prop.ForAll(pair, p =>
        {
            var (a, b) = p;
            var forward = VersionedValue.CompareLastWriteWins(a, b);
            var backward = VersionedValue.CompareLastWriteWins(b, a);

            Math.Sign(forward).Should().Be(-Math.Sign(backward));
            (forward == 0).Should().Be(a.Equals(b));
        }));
    }
}
