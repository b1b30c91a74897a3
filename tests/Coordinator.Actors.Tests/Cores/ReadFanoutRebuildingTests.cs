using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Cores;

public sealed class ReadFanoutRebuildingTests
{
    [Theory]
    [InlineData(1, false, 2)]
    [InlineData(2, false, 3)]
    [InlineData(2, true, 3)]
    public void New_OneRebuilding_AsksItBesideTheFirstROthers(int required, bool fullRead, int asked)
    {
        // Act
        var fanout = new ReadFanout(3, required, fullRead, ["r1"]);

        // Assert
        (fanout.InitialAsks, fanout.Asked, fanout.Tally.Replicas).Should().Be((asked, asked, 2));
    }

    [Fact]
    public void Record_RebuildingReplicaAnswers_DoesNotCount()
    {
        // Arrange: ONE of three, r1 rebuilding.
        var fanout = new ReadFanout(3, 1, fullRead: false, ["r1"]);

        // Act
        var recorded = fanout.Record(ReplicaReadReply.NotFound("r1"));

        // Assert
        recorded.Should().BeTrue();
        (fanout.Tally.Successes, fanout.Tally.Decision, fanout.Done).Should().Be((0, QuorumDecision.Pending, false));
    }

    [Fact]
    public void Record_RebuildingReplicaAnswersTwice_IsIgnoredTheSecondTime()
    {
        // Arrange
        var fanout = new ReadFanout(3, 1, fullRead: false, ["r1"]);
        fanout.Record(ReplicaReadReply.NotFound("r1"));

        // Act
        var again = fanout.Record(ReplicaReadReply.NotFound("r1"));

        // Assert
        again.Should().BeFalse();
    }

    [Fact]
    public void Record_OthersReachR_SucceedsAndIsDoneOnceTheRebuildingOneAnswered()
    {
        // Arrange: QUORUM of three, r1 rebuilding: r1, r2, r3 asked at start.
        var fanout = new ReadFanout(3, 2, fullRead: false, ["r1"]);

        // Act
        fanout.Record(ReplicaReadReply.NotFound("r2"));
        fanout.Record(ReplicaReadReply.NotFound("r3"));
        var doneBefore = fanout.Done;
        fanout.Record(ReplicaReadReply.NotFound("r1"));

        // Assert
        fanout.Tally.Decision.Should().Be(QuorumDecision.Succeeded);
        (doneBefore, fanout.Done).Should().Be((false, true));
    }

    [Fact]
    public void Record_RebuildingReplicaFails_AsksNoOneElse()
    {
        // Arrange: ONE of three, r1 rebuilding: r1 and r2 asked.
        var fanout = new ReadFanout(3, 1, fullRead: false, ["r1"]);

        // Act
        fanout.Record(ReplicaReadReply.Failed("r1"));

        // Assert
        (fanout.Asked, fanout.Tally.Failures, fanout.Tally.Decision).Should().Be((2, 0, QuorumDecision.Pending));
    }

    [Fact]
    public void Failure_OneOtherFails_FailsNamingTheRebuildingReplica()
    {
        // Arrange: QUORUM of three with r1 rebuilding: both others must answer.
        var fanout = new ReadFanout(3, 2, fullRead: false, ["r1"]);
        fanout.Record(ReplicaReadReply.Found("r1", []));
        fanout.Record(ReplicaReadReply.NotFound("r2"));

        // Act
        fanout.Record(ReplicaReadReply.Failed("r3", "connection refused"));
        var (kind, message) = fanout.Failure(deadlinePassed: false);

        // Assert
        fanout.Tally.Decision.Should().Be(QuorumDecision.Failed);
        kind.Should().Be(FailureKind.QuorumNotReached);
        message.Should().Be(
            "Quorum not reached: 1 of 2 replicas succeeded, 2 required (1 failed: r3 connection refused). Not counted: r1 (rebuilding after losing its data).");
    }

    [Fact]
    public void Describe_NoneRebuilding_IsTheTallysSentence()
    {
        // Arrange
        var fanout = new ReadFanout(3, 2, fullRead: false);

        // Act
        var text = fanout.Describe();

        // Assert
        text.Should().Be("0 of 3 replicas succeeded, 2 required (3 did not answer).");
    }
}
