using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Cores;

public sealed class QuorumFailureRuleTests
{
    [Theory]
    [InlineData(3, 2, 2, 0)] // two replicas refused for overload
    [InlineData(3, 2, 1, 1)] // one down, one overloaded: the overloaded one and the third could make W
    [InlineData(3, 3, 1, 0)] // ALL and one overloaded
    [InlineData(1, 1, 1, 0)] // RF 1, its replica overloaded
    [InlineData(5, 3, 2, 1)]
    [InlineData(5, 3, 1, 2)]
    public void Classify_OverloadAndEnoughOtherwiseHealthy_Overloaded(int replicas, int required, int overloaded, int other)
    {
        QuorumFailureRule.Classify(replicas, required, overloaded, other).Should().Be(FailureKind.Overloaded);
    }

    [Theory]
    [InlineData(3, 2, 0, 2)] // two down
    [InlineData(3, 2, 1, 2)] // two down: the overloaded one could not have saved the quorum
    [InlineData(3, 1, 0, 3)]
    [InlineData(5, 3, 2, 3)]
    [InlineData(3, 3, 0, 1)]
    public void Classify_NoOverloadOrTooManyDown_QuorumNotReached(int replicas, int required, int overloaded, int other)
    {
        QuorumFailureRule.Classify(replicas, required, overloaded, other).Should().Be(FailureKind.QuorumNotReached);
    }

    [Theory]
    [InlineData(3, 2, 2, 0)]
    [InlineData(3, 2, 0, 2)]
    [InlineData(3, 2, 1, 1)]
    public void Classify_DeadlinePassed_DeadlineExceeded(int replicas, int required, int overloaded, int other)
    {
        QuorumFailureRule.Classify(replicas, required, overloaded, other, deadlinePassed: true).Should().Be(FailureKind.DeadlineExceeded);
    }

    [Fact]
    public void Classify_NegativeCount_Throws()
    {
        var act = () => QuorumFailureRule.Classify(3, 2, -1, 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Failure_OneDownOneOverloaded_OverloadedNamingBothReasons()
    {
        var tally = new QuorumTally(3, 2);
        tally.AddFailure("s1", "UNAVAILABLE: connection refused");
        tally.AddFailure("s2", "RESOURCE_EXHAUSTED: queue full", overloaded: true);

        var (kind, message) = tally.Failure();

        kind.Should().Be(FailureKind.Overloaded);
        message.Should().StartWith("Replicas overloaded: 0 of 3 replicas succeeded, 2 required")
            .And.Contain("s1 UNAVAILABLE: connection refused").And.Contain("s2 RESOURCE_EXHAUSTED: queue full");
        tally.OverloadedFailures.Should().Be(1);
    }

    [Fact]
    public void Failure_DeadlinePassed_DeadlineExceededWithTheNumbers()
    {
        var tally = new QuorumTally(3, 2);
        tally.AddFailure("s1", "DEADLINE_EXCEEDED: Deadline Exceeded");
        tally.AddFailure("s2", "DEADLINE_EXCEEDED: Deadline Exceeded");

        var (kind, message) = tally.Failure(deadlinePassed: true);

        kind.Should().Be(FailureKind.DeadlineExceeded);
        message.Should().StartWith("Deadline exceeded: 0 of 3 replicas succeeded, 2 required (2 failed: ");
    }

    [Fact]
    public void Failure_TwoDown_QuorumNotReachedNamingReasons()
    {
        var tally = new QuorumTally(3, 2);
        tally.AddFailure("s1", "UNAVAILABLE: connection refused");
        tally.AddFailure("s2", "UNAVAILABLE: connection reset");

        var (kind, message) = tally.Failure();

        kind.Should().Be(FailureKind.QuorumNotReached);
        message.Should().StartWith("Quorum not reached: 0 of 3 replicas succeeded, 2 required").And.Contain("s2 UNAVAILABLE: connection reset");
    }
}
