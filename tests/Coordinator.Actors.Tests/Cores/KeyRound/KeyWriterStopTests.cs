using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>Stopping answers every write not answered yet, exactly once, in whatever state the writer is.</summary>
public sealed class KeyWriterStopTests
{
    private static readonly WriteFailed Stopped = new(FailureKind.Internal, "The key's actor stopped before the write was applied.");

    public static TheoryData<KeyWriterState> WaitingStates => new()
    {
        KeyWriterState.Claiming,
        KeyWriterState.ReadingCurrent,
        KeyWriterState.Recording,
        KeyWriterState.Replicating,
    };

    [Theory]
    [MemberData(nameof(WaitingStates))]
    public void Stop_RoundInFlight_AnswersTheRoundAndTheQueueOnce(KeyWriterState state)
    {
        // Arrange: writes 1 and 2 in the round, in the given state; 3 and 4 queued.
        var writer = InRound(state);
        writer.State.Should().Be(state);
        (writer.InRound, writer.Queued).Should().Be((2, 2));

        // Act
        var effects = writer.Stop();

        // Assert
        effects.Should().OnlyContain(e => e is KeyWriterEffect<int>.Answer);
        effects.Answers().Should().BeEquivalentTo(new[] { 1, 2, 3, 4 }.Select(id => (id, (WriteReply)Stopped)));
        (writer.State, writer.Queued, writer.InRound).Should().Be((KeyWriterState.Stopped, 0, 0));
    }

    [Fact]
    public void Stop_Finishing_AnswersOnlyTheQueueNotTheAnsweredRound()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1"), 1, Now);
        writer.Submit(Write("v2"), 2, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(1);

        // Act
        var effects = writer.Stop();

        // Assert
        effects.Answers().Should().Equal((2, (WriteReply)Stopped));
    }

    [Fact]
    public void Stop_AfterARoundStartThatThrew_AnswersThatRound()
    {
        // Arrange: a replication factor of 0 (which the edge rejects) throws while the round starts, before any state
        // change; the actor restarts, and stopping its writer must still answer the write.
        var writer = Writer();
        var start = () => writer.Submit(Write("v1") with { ReplicationFactor = 0 }, 1, Now);
        start.Should().Throw<ArgumentOutOfRangeException>();

        // Act
        var effects = writer.Stop();

        // Assert
        effects.Answers().Should().Equal((1, (WriteReply)Stopped));
    }

    [Fact]
    public void Stop_Idle_AnswersNothing()
    {
        // Arrange
        var writer = Writer();
        CompleteFirstRound(writer);

        // Act
        var effects = writer.Stop();

        // Assert
        effects.Should().BeEmpty();
        writer.State.Should().Be(KeyWriterState.Stopped);
    }

    [Fact]
    public void Submit_AfterStop_Throws()
    {
        // Arrange
        var writer = Writer();
        writer.Stop();

        // Act / Assert
        writer.Invoking(w => w.Submit(Write("v1"), 1, Now)).Should().Throw<InvalidOperationException>();
    }

    /// <summary>
    /// A writer whose round holds writes 1 and 2 (write 1 with a client key) in <paramref name="state"/>, with 3 and 4
    /// queued behind it. Write 0 runs a round first: it fails its read (so the next round reads too) unless the
    /// state is Recording or Replicating, which need a last stamp to skip the read.
    /// </summary>
    private static KeyWriter<int> InRound(KeyWriterState state)
    {
        var writer = Writer(maxBatch: 2);
        writer.Submit(Write("v0"), 0, Now);
        writer.Submit(Write("v1", "req-1"), 1, Now);
        writer.Submit(Write("v2"), 2, Now);
        writer.Submit(Write("v3"), 3, Now);
        writer.Submit(Write("v4"), 4, Now);
        var stamped = state is KeyWriterState.Recording or KeyWriterState.Replicating;
        if (stamped)
        {
            writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
            writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(0);
        }
        else
        {
            writer.OnCurrentRead(new ReadFailed(FailureKind.QuorumNotReached, "0 of 3"), Now).FailedFor(0);
        }

        writer.OnSettled(Now).Single<KeyWriterEffect<int>.Claim>();
        if (state != KeyWriterState.Claiming)
        {
            writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed())], Now);
        }

        if (state == KeyWriterState.Replicating)
        {
            writer.OnStampsRecorded([true]).Single<KeyWriterEffect<int>.Replicate>();
        }

        return writer;
    }
}
