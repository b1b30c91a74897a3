using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;

namespace PairDb.Actors.Tests.Cores;

public sealed class ReadFanoutPropertyTests
{
    /// <summary>
    /// N 1..7, R 1..N, full read or not, and up to 16 events: the speculative delay passing, or a reply (success or
    /// failure) from one of the asked replicas that has not replied yet, picked by index.
    /// </summary>
    private static readonly Arbitrary<(int Replicas, int Required, bool Full, (bool Delay, int Pick, bool Success)[] Events)> Runs = Arb.From(
        from replicas in Gen.Choose(1, 7)
        from required in Gen.Choose(1, replicas)
        from full in Gen.Elements(true, false)
        from count in Gen.Choose(0, 16)
        from delays in Gen.Elements(true, false, false).ArrayOf(count)
        from picks in Gen.Choose(0, 6).ArrayOf(count)
        from successes in Gen.Elements(true, false).ArrayOf(count)
        select (replicas, required, full, delays.Select((delay, i) => (delay, picks[i], successes[i])).ToArray()));

    [Fact]
    public void Events_AnySequence_AsksInOrderKeepsRReachableAndFailsOnlyWithEveryReplicaAsked()
    {
        PropertyRunner.Check(20, Prop.ForAll(Runs, run =>
        {
            var fanout = new ReadFanout(run.Replicas, run.Required, run.Full);
            var waiting = Enumerable.Range(0, fanout.Asked).ToList();
            var asked = fanout.Asked;
            fanout.InitialAsks.Should().Be(run.Full || run.Required == run.Replicas ? run.Replicas : run.Required);

            foreach (var (delay, pick, success) in run.Events)
            {
                var pendingBefore = fanout.Tally.Decision == QuorumDecision.Pending;
                var canSpeculate = fanout.CanSpeculate;
                canSpeculate.Should().Be(pendingBefore && asked < run.Replicas);
                if (delay)
                {
                    fanout.Speculate().Should().Be(canSpeculate);
                    fanout.Asked.Should().Be(asked + (canSpeculate ? 1 : 0), "a delay asks exactly one more, only while it can");
                }
                else if (waiting.Count > 0)
                {
                    var replica = waiting[pick % waiting.Count];
                    waiting.Remove(replica);
                    var id = "r" + replica;
                    fanout.Record(success ? ReplicaReadReply.NotFound(id) : ReplicaReadReply.Failed(id)).Should().BeTrue();
                    var expectAsk = !success && fanout.Tally.Decision == QuorumDecision.Pending && asked < run.Replicas;
                    fanout.Asked.Should().Be(asked + (expectAsk ? 1 : 0), "only a failure while pending asks the next at once");
                }

                waiting.AddRange(Enumerable.Range(asked, fanout.Asked - asked));
                asked = fanout.Asked;
                asked.Should().BeInRange(fanout.InitialAsks, run.Replicas);
                fanout.Extended.Should().Be(asked > fanout.InitialAsks);
                fanout.Done.Should().Be(waiting.Count == 0);

                var tally = fanout.Tally;
                if (tally.Decision == QuorumDecision.Pending)
                {
                    (asked - tally.Failures >= run.Required || asked == run.Replicas).Should().BeTrue("R stays reachable among the asked while replicas remain");
                    fanout.Done.Should().BeFalse("with every asked replica in, the outcome is known");
                }

                if (tally.Decision == QuorumDecision.Failed)
                {
                    asked.Should().Be(run.Replicas, "a read fails only once success is impossible counting every replica");
                    tally.Failures.Should().BeGreaterThan(run.Replicas - run.Required);
                }
            }
        }));
    }
}
