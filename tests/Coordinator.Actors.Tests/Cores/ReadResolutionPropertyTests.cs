using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores;

public sealed class ReadResolutionPropertyTests
{
    /// <summary>One to five replicas, each failed, not found, or holding a sibling set drawn from shared small alphabets.</summary>
    private static readonly Arbitrary<ReplicaReadReply[]> Replies = Arb.From(
        Gen.Choose(1, 5).SelectMany(n => Gen.Choose(0, 5).Zip(CoreGenerators.StoredSiblings).ArrayOf(n))
            .Select(replicas => replicas.Select((r, i) => r.Item1 switch
            {
                0 => ReplicaReadReply.Failed("r" + i),
                1 => ReplicaReadReply.NotFound("r" + i),
                _ => ReplicaReadReply.Found("r" + i, r.Item2),
            }).ToArray()));

    [Fact]
    public void Resolve_ApplyingThePlan_BringsEveryAnsweringReplicaToTheMergedSet()
    {
        PropertyRunner.Check(51, Prop.ForAll(Replies, replies =>
        {
            var resolution = ReadResolution.Resolve(replies, maxRepairs: replies.Length);

            resolution.Repair.Skipped.Should().Be(0);
            foreach (var reply in replies)
            {
                if (reply.Status == ReplicaReadStatus.Failed)
                {
                    resolution.Repair.Targets.Should().NotContain(reply.ReplicaId);
                    continue;
                }

                var state = reply.Status == ReplicaReadStatus.Found ? reply.Versions : [];
                if (resolution.Repair.Targets.Contains(reply.ReplicaId))
                {
                    state = SiblingSet.MergeAll([.. state, .. resolution.Repair.Versions]);
                }

                SameSet(state, resolution.Siblings).Should().BeTrue($"{reply.ReplicaId} must end with exactly the merged set");
            }
        }));
    }

    [Fact]
    public void Resolve_AnyReplies_TargetsOnlyReplicasThatWereNotAlreadyUpToDate()
    {
        PropertyRunner.Check(52, Prop.ForAll(Replies, replies =>
        {
            var resolution = ReadResolution.Resolve(replies, maxRepairs: replies.Length);

            foreach (var target in resolution.Repair.Targets)
            {
                var reply = replies.Single(r => r.ReplicaId == target);
                var merged = SiblingSet.MergeAll([.. reply.Versions, .. resolution.Siblings]);
                SiblingSet.MergeAll(reply.Versions).Should().NotEqual(merged, "a replica already at the merged set needs no repair");
            }
        }));
    }

    [Fact]
    public void Resolve_AnyReplies_SiblingsWinnerAndClockFollowSiblingSetRules()
    {
        PropertyRunner.Check(53, Prop.ForAll(Replies, replies =>
        {
            var resolution = ReadResolution.Resolve(replies, maxRepairs: 2);

            var all = replies.Where(r => r.Status == ReplicaReadStatus.Found).SelectMany(r => r.Versions);
            resolution.Siblings.Should().Equal(SiblingSet.MergeAll(all));
            resolution.Answered.Should().Be(replies.Count(r => r.Status != ReplicaReadStatus.Failed));
            resolution.Repair.Targets.Count.Should().BeLessThanOrEqualTo(2);
            if (resolution.Siblings.Count == 0)
            {
                resolution.Winner.Should().BeNull();
                resolution.IsNotFound(0).Should().BeTrue();
                return;
            }

            resolution.Winner.Should().BeSameAs(SiblingSet.Winner(resolution.Siblings));
            resolution.IsNotFound(0).Should().Be(resolution.Winner!.Tombstone);
            foreach (var version in all)
            {
                resolution.MergedClock.CompareTo(version.Clock).Should().BeOneOf(ClockOrder.After, ClockOrder.Identical);
            }
        }));
    }

    private static bool SameSet(IReadOnlyList<VersionedValue> actual, IReadOnlyList<VersionedValue> expected) =>
        actual.Count == expected.Count && expected.All(v => actual.Contains(v));
}
