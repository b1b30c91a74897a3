using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores;

public sealed class QuorumTallyTests
{
    /// <summary>Replays "r1+ r2- r3+" (replica id, + success / - failure) and returns the tally.</summary>
    private static QuorumTally Replay(int replicas, int required, string replies)
    {
        var tally = new QuorumTally(replicas, required);
        foreach (var reply in replies.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var id = reply[..^1];
            if (reply[^1] == '+')
            {
                tally.AddSuccess(id);
            }
            else
            {
                tally.AddFailure(id, "timeout");
            }
        }

        return tally;
    }

    [Theory]
    [InlineData(3, 2, "", QuorumDecision.Pending)]
    [InlineData(3, 2, "r1+", QuorumDecision.Pending)]
    [InlineData(3, 2, "r1+ r2+", QuorumDecision.Succeeded)]
    [InlineData(3, 2, "r1- r2+", QuorumDecision.Pending)]
    [InlineData(3, 2, "r1- r2-", QuorumDecision.Failed)]
    [InlineData(3, 2, "r1+ r2- r3-", QuorumDecision.Failed)]
    [InlineData(3, 2, "r1+ r2- r3+", QuorumDecision.Succeeded)]
    [InlineData(3, 1, "r1- r2- r3+", QuorumDecision.Succeeded)]
    [InlineData(3, 1, "r1- r2- r3-", QuorumDecision.Failed)]
    [InlineData(3, 1, "r1+", QuorumDecision.Succeeded)]
    [InlineData(3, 3, "r1+ r2+", QuorumDecision.Pending)]
    [InlineData(3, 3, "r1-", QuorumDecision.Failed)]
    [InlineData(5, 3, "r1- r2- r3+ r4+", QuorumDecision.Pending)]
    [InlineData(5, 3, "r1- r2- r3-", QuorumDecision.Failed)]
    [InlineData(1, 1, "r1+", QuorumDecision.Succeeded)]
    [InlineData(1, 1, "r1-", QuorumDecision.Failed)]
    public void Decision_ReplySequences_DecidedAsEarlyAsPossible(int replicas, int required, string replies, QuorumDecision expected)
    {
        var tally = Replay(replicas, required, replies);

        tally.Decision.Should().Be(expected);
    }

    [Fact]
    public void AddSuccess_SameReplicaTwice_CountsOnce()
    {
        var tally = new QuorumTally(3, 2);

        tally.AddSuccess("r1").Should().BeTrue();
        tally.AddSuccess("r1").Should().BeFalse();

        tally.Successes.Should().Be(1);
        tally.Decision.Should().Be(QuorumDecision.Pending);
    }

    [Fact]
    public void AddFailure_AfterSuccessFromSameReplica_IsIgnored()
    {
        var tally = new QuorumTally(3, 2);
        tally.AddSuccess("r1");

        tally.AddFailure("r1", "late error").Should().BeFalse();

        tally.Successes.Should().Be(1);
        tally.Failures.Should().Be(0);
        tally.FailureReasons.Should().BeEmpty();
    }

    [Fact]
    public void AddSuccess_MoreDistinctReplicasThanExpected_IgnoresExtras()
    {
        var tally = Replay(2, 2, "r1+ r2-");

        tally.AddSuccess("r3").Should().BeFalse();

        tally.Successes.Should().Be(1);
        tally.Answered.Should().Be(2);
        tally.Decision.Should().Be(QuorumDecision.Failed);
    }

    [Fact]
    public void Done_OnlyWhenEveryReplicaAnswered()
    {
        var tally = Replay(3, 2, "r1+ r2+");
        tally.Decision.Should().Be(QuorumDecision.Succeeded);
        tally.Done.Should().BeFalse();
        tally.Outstanding.Should().Be(1);

        tally.AddFailure("r3", "unavailable");

        tally.Done.Should().BeTrue();
        tally.Outstanding.Should().Be(0);
        tally.Decision.Should().Be(QuorumDecision.Succeeded);
    }

    [Fact]
    public void Constructor_RequiredAboveReplicas_FailsAtOnce()
    {
        var tally = new QuorumTally(2, 3);

        tally.Decision.Should().Be(QuorumDecision.Failed);
        tally.Done.Should().BeFalse();
    }

    [Fact]
    public void Constructor_NoReplicas_FailedAndDone()
    {
        var tally = new QuorumTally(0, 1);

        tally.Decision.Should().Be(QuorumDecision.Failed);
        tally.Done.Should().BeTrue();
        tally.AddSuccess("r1").Should().BeFalse();
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(3, 0)]
    public void Constructor_InvalidCounts_Throw(int replicas, int required)
    {
        var act = () => new QuorumTally(replicas, required);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void FailureReasons_KeepArrivalOrder()
    {
        var tally = new QuorumTally(3, 2);
        tally.AddFailure("r2", "deadline exceeded");
        tally.AddFailure("r1", "unavailable");

        tally.FailureReasons.Should().Equal(new ReplicaFailure("r2", "deadline exceeded"), new ReplicaFailure("r1", "unavailable"));
    }

    [Fact]
    public void Describe_FailedWithOutstanding_GivesTheNumbers()
    {
        var tally = new QuorumTally(3, 2);
        tally.AddSuccess("r1");
        tally.AddFailure("r2", "deadline exceeded");

        tally.Describe().Should().Be("1 of 3 replicas succeeded, 2 required (1 failed: r2 deadline exceeded; 1 did not answer)");
    }

    [Fact]
    public void Describe_AllFailed_ListsEachReason()
    {
        var tally = Replay(2, 1, "r1- r2-");

        tally.Describe().Should().Be("0 of 2 replicas succeeded, 1 required (2 failed: r1 timeout, r2 timeout)");
    }

    [Fact]
    public void Describe_NoFailures_OmitsFailureDetails()
    {
        new QuorumTally(3, 3).Describe().Should().Be("0 of 3 replicas succeeded, 3 required (3 did not answer)");
        Replay(2, 2, "r1+ r2+").Describe().Should().Be("2 of 2 replicas succeeded, 2 required");
    }
}
