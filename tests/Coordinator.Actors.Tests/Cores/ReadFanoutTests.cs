using FluentAssertions;
using PairDb.Actors.Cores;

namespace PairDb.Actors.Tests.Cores;

public sealed class ReadFanoutTests
{
    [Theory]
    [InlineData(3, 2, false, 2)]
    [InlineData(3, 1, false, 1)]
    [InlineData(3, 3, false, 3)]
    [InlineData(3, 2, true, 3)]
    [InlineData(5, 3, false, 3)]
    [InlineData(2, 3, false, 2)]
    public void New_AsksTheFirstROrAllForAFullRead(int replicas, int required, bool fullRead, int asked)
    {
        // Arrange

        // Act
        var fanout = new ReadFanout(replicas, required, fullRead);

        // Assert
        (fanout.InitialAsks, fanout.Asked, fanout.Extended).Should().Be((asked, asked, false));
    }

    [Fact]
    public void Record_FirstRSucceed_SucceedsAndIsDoneWithoutAskingMore()
    {
        // Arrange
        var fanout = new ReadFanout(3, 2, fullRead: false);

        // Act
        fanout.Record(ReplicaReadReply.NotFound("r1"));
        fanout.Record(ReplicaReadReply.NotFound("r2"));

        // Assert
        fanout.Tally.Decision.Should().Be(QuorumDecision.Succeeded);
        (fanout.Asked, fanout.Done, fanout.CanSpeculate, fanout.Speculate()).Should().Be((2, true, false, false));
    }

    [Fact]
    public void Record_AskedReplicaFails_AsksTheNextAtOnce()
    {
        // Arrange
        var fanout = new ReadFanout(3, 2, fullRead: false);

        // Act
        fanout.Record(ReplicaReadReply.Failed("r1"));

        // Assert
        (fanout.Asked, fanout.Extended, fanout.Tally.Decision).Should().Be((3, true, QuorumDecision.Pending));
    }

    [Fact]
    public void Record_FailureAfterTheDecision_AsksNoMore()
    {
        // Arrange: a 5-replica read at 2 that succeeded while a speculated third is outstanding.
        var fanout = new ReadFanout(5, 2, fullRead: false);
        fanout.Speculate();
        fanout.Record(ReplicaReadReply.NotFound("r1"));
        fanout.Record(ReplicaReadReply.NotFound("r2"));

        // Act
        fanout.Record(ReplicaReadReply.Failed("r3"));

        // Assert
        (fanout.Asked, fanout.Done).Should().Be((3, true));
    }

    [Fact]
    public void Record_SuccessImpossibleOnlyCountingUnasked_StaysPendingUntilTheUnaskedFailToo()
    {
        // Arrange
        var fanout = new ReadFanout(3, 2, fullRead: false);

        // Act: r1 fails (r3 asked), then r2 fails: two failures of three leave 2 impossible.
        fanout.Record(ReplicaReadReply.Failed("r1"));
        var afterOne = fanout.Tally.Decision;
        fanout.Record(ReplicaReadReply.Failed("r2"));

        // Assert
        afterOne.Should().Be(QuorumDecision.Pending);
        (fanout.Tally.Decision, fanout.Asked, fanout.Done).Should().Be((QuorumDecision.Failed, 3, false));
    }

    [Fact]
    public void Speculate_EachDelayWhilePending_AsksOneMoreUntilAllAreAsked()
    {
        // Arrange
        var fanout = new ReadFanout(5, 2, fullRead: false);

        // Act
        var asked = new List<(bool Speculated, int Asked)>();
        for (var i = 0; i < 4; i++)
        {
            asked.Add((fanout.Speculate(), fanout.Asked));
        }

        // Assert
        asked.Should().Equal((true, 3), (true, 4), (true, 5), (false, 5));
        fanout.Extended.Should().BeTrue();
    }

    [Theory]
    [InlineData(3, 3, false)]
    [InlineData(3, 2, true)]
    public void Speculate_AllAskedAtStart_AsksNothing(int replicas, int required, bool fullRead)
    {
        // Arrange
        var fanout = new ReadFanout(replicas, required, fullRead);

        // Act
        var speculated = fanout.Speculate();

        // Assert
        (speculated, fanout.Asked, fanout.Extended).Should().Be((false, 3, false));
    }

    [Theory]
    [InlineData(3, 2, 0.1, 0.05, true)]
    [InlineData(3, 2, 0.1, 0.1, false)]
    [InlineData(3, 2, 1.0, 0.999, true)]
    [InlineData(3, 2, 0.0, 0.0, false)]
    [InlineData(3, 3, 1.0, 0.0, false)]
    public void SampleFullRead_DrawBelowTheChanceAndRBelowN_IsAFullRead(int replicas, int required, double chance, double draw, bool full)
    {
        // Arrange
        var draws = 0;

        // Act
        var sampled = ReadFanout.SampleFullRead(replicas, required, chance, () =>
        {
            draws++;
            return draw;
        });

        // Assert: nothing is drawn when the answer cannot depend on it.
        sampled.Should().Be(full);
        draws.Should().Be(required < replicas && chance > 0 ? 1 : 0);
    }
}
