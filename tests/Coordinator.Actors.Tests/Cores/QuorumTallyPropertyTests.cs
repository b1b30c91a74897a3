using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Cores.Support;

namespace PairDb.Actors.Tests.Cores;

public sealed class QuorumTallyPropertyTests
{
    /// <summary>N 1..7, required 1..N+1, and up to 12 replies from N+2 possible ids (duplicates and strangers included).</summary>
    private static readonly Arbitrary<(int Replicas, int Required, (int Replica, bool Success)[] Replies)> Runs = Arb.From(
        from replicas in Gen.Choose(1, 7)
        from required in Gen.Choose(1, replicas + 1)
        from count in Gen.Choose(0, 12)
        from replies in Gen.Choose(0, replicas + 1).Zip(Gen.Elements(true, false)).ArrayOf(count)
        select (replicas, required, replies.Select(r => (r.Item1, r.Item2)).ToArray()));

    [Fact]
    public void Decision_AnyReplySequence_MatchesCountsAndNeverFlips()
    {
        PropertyRunner.Check(41, Prop.ForAll(Runs, run =>
        {
            var tally = new QuorumTally(run.Replicas, run.Required);
            var seen = new HashSet<int>();
            int successes = 0, failures = 0;
            var decided = QuorumDecision.Pending;

            foreach (var (replica, success) in run.Replies)
            {
                var id = "r" + replica;
                var counted = success ? tally.AddSuccess(id) : tally.AddFailure(id, "error");

                var expectCounted = seen.Count < run.Replicas && seen.Add(replica);
                counted.Should().Be(expectCounted);
                successes += counted && success ? 1 : 0;
                failures += counted && !success ? 1 : 0;

                tally.Successes.Should().Be(successes);
                tally.Failures.Should().Be(failures);
                tally.Done.Should().Be(successes + failures == run.Replicas);
                (tally.Decision == QuorumDecision.Succeeded).Should().Be(successes >= run.Required);
                (tally.Decision == QuorumDecision.Failed).Should().Be(failures > run.Replicas - run.Required);
                if (decided != QuorumDecision.Pending)
                {
                    tally.Decision.Should().Be(decided, "a decision never flips once made");
                }

                decided = tally.Decision;
            }

            if (tally.Done)
            {
                tally.Decision.Should().NotBe(QuorumDecision.Pending, "with every reply in, the outcome is known");
            }
        }));
    }
}
