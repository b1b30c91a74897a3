using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>Round formation: the queue bound, deadline expiry while queued, grouping by consistency and RF, MaxBatch.</summary>
public sealed class KeyWriterBatchingTests
{
    [Fact]
    public void Submit_Idle_StartsARoundAtOnce()
    {
        // Arrange
        var writer = Writer();

        // Act
        var effects = writer.Submit(Write("v1"), 1, Now);

        // Assert: without a last stamp the round reads first, with the write's deadline.
        var read = effects.Should().ContainSingle().Subject.Should().BeOfType<KeyWriterEffect<int>.ReadCurrent>().Subject;
        read.Replicas.Select(r => r.NodeId).Should().Equal("n1", "n2", "n3");
        (read.Required, read.DeadlineUtc).Should().Be((2, Deadline));
        writer.State.Should().Be(KeyWriterState.ReadingCurrent);
        (writer.Queued, writer.InRound).Should().Be((0, 1));
    }

    [Fact]
    public void Submit_RoundInFlight_QueuesWithoutEffects()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1"), 1, Now);

        // Act
        var effects = writer.Submit(Write("v2"), 2, Now);

        // Assert
        effects.Should().BeEmpty();
        (writer.State, writer.Queued, writer.InRound).Should().Be((KeyWriterState.ReadingCurrent, 1, 1));
    }

    [Fact]
    public void Submit_QueueFull_AnsweredOverloadedAtOnceAndNotQueued()
    {
        // Arrange: one write in the round, two waiting in a queue of capacity 2.
        var writer = Writer(queueCapacity: 2);
        writer.Submit(Write("v1"), 1, Now);
        writer.Submit(Write("v2"), 2, Now);
        writer.Submit(Write("v3"), 3, Now);

        // Act
        var effects = writer.Submit(Write("v4"), 4, Now);

        // Assert
        effects.Should().ContainSingle();
        effects.FailedFor(4).Should().Be(new WriteFailed(FailureKind.Overloaded, "2 writes of this key are already waiting; retry with backoff."));
        writer.Queued.Should().Be(2);
    }

    [Fact]
    public void OnSettled_QueuedWrites_CoalescedIntoOneRoundStampedInTurn()
    {
        // Arrange: a first round leaves a last stamp; three writes wait behind the second round's first write.
        var writer = Writer();
        var first = CompleteFirstRound(writer);
        writer.Submit(Write("a"), 1, Now);
        writer.Submit(Write("b"), 2, Now);
        writer.Submit(Write("c"), 3, Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act
        var effects = writer.OnSettled(Now);

        // Assert: one replicated write, of the last value, whose clock dominates every other write of the round.
        var replicate = effects.Single<KeyWriterEffect<int>.Replicate>();
        Text(replicate.Version).Should().Be("c");
        replicate.Version.Clock.Get("coord-a").Should().Be(first.Clock.Get("coord-a") + 3);
        var answers = writer.OnReplicated(new WriteQuorumReached(2), Now);
        var clocks = new[] { answers.SucceededFor(2).Clock, answers.SucceededFor(3).Clock };
        clocks[0].Dominates(first.Clock).Should().BeTrue();
        clocks[1].Dominates(clocks[0]).Should().BeTrue();
        replicate.Version.Clock.Should().Be(clocks[1]);
    }

    [Fact]
    public void OnSettled_MoreQueuedThanMaxBatch_TakesMaxBatchInOrder()
    {
        // Arrange
        var writer = Writer(maxBatch: 2);
        writer.Submit(Write("v0"), 0, Now);
        for (var i = 1; i <= 3; i++)
        {
            writer.Submit(Write("v" + i), i, Now);
        }

        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act
        var second = writer.OnSettled(Now).Single<KeyWriterEffect<int>.Replicate>();
        var secondAnswers = writer.OnReplicated(new WriteQuorumReached(3), Now);
        var third = writer.OnSettled(Now).Single<KeyWriterEffect<int>.Replicate>();
        var thirdAnswers = writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Assert
        Text(second.Version).Should().Be("v2");
        secondAnswers.Answers().Select(a => a.ReplyTo).Should().Equal(1, 2);
        Text(third.Version).Should().Be("v3");
        thirdAnswers.Answers().Select(a => a.ReplyTo).Should().Equal(3);
    }

    [Theory]
    [InlineData(Consistency.One, 3)]
    [InlineData(Consistency.Quorum, 2)]
    public void OnSettled_NextDiffersInConsistencyOrRf_EndsTheRoundBeforeIt(Consistency consistency, int replicationFactor)
    {
        // Arrange: a, b alike; c differs; d is like a again but waits behind c.
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        writer.Submit(Write("a"), 1, Now);
        writer.Submit(Write("b"), 2, Now);
        writer.Submit(Write("c", consistency: consistency, replicationFactor: replicationFactor), 3, Now);
        writer.Submit(Write("d"), 4, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act
        var rounds = new List<(string Value, int Required, int Replicas, int[] Answered)>();
        var effects = writer.OnSettled(Now);
        while (effects.OfType<KeyWriterEffect<int>.Replicate>().SingleOrDefault() is { } replicate)
        {
            var answered = writer.OnReplicated(new WriteQuorumReached(replicate.Required), Now).Answers().Select(a => a.ReplyTo).ToArray();
            rounds.Add((Text(replicate.Version), replicate.Required, replicate.Replicas.Length, answered));
            effects = writer.OnSettled(Now);
        }

        // Assert
        var required = ConsistencyLevels.Required(consistency, replicationFactor);
        rounds.Select(r => (r.Value, r.Required, r.Replicas)).Should().Equal(("b", 2, 3), ("c", required, replicationFactor), ("d", 2, 3));
        rounds.Select(r => r.Answered).Should().BeEquivalentTo(new[] { new[] { 1, 2 }, [3], [4] }, o => o.WithStrictOrdering());
        writer.State.Should().Be(KeyWriterState.Idle);
    }

    [Fact]
    public void OnSettled_QueuedWritePastItsDeadline_AnsweredDeadlineExceededAndSkipped()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        writer.Submit(Write("late", deadline: Now.AddSeconds(1)), 1, Now);
        writer.Submit(Write("on-time", deadline: Now.AddSeconds(9)), 2, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act: the deadline of "late" is exactly now when the next round forms.
        var effects = writer.OnSettled(Now.AddSeconds(1));

        // Assert
        effects.FailedFor(1).Should().Be(new WriteFailed(FailureKind.DeadlineExceeded, "Deadline exceeded while queued behind earlier writes of this key."));
        var replicate = effects.Single<KeyWriterEffect<int>.Replicate>();
        (Text(replicate.Version), replicate.DeadlineUtc).Should().Be(("on-time", Now.AddSeconds(9)));
        writer.InRound.Should().Be(1);
    }

    [Fact]
    public void Submit_IdleAndAlreadyPastDeadline_AnsweredAndStaysIdle()
    {
        // Arrange
        var writer = Writer();

        // Act
        var effects = writer.Submit(Write("late", deadline: Now.AddMilliseconds(-1)), 1, Now);

        // Assert
        effects.Should().ContainSingle();
        effects.FailedFor(1).Kind.Should().Be(FailureKind.DeadlineExceeded);
        (writer.State, writer.Queued).Should().Be((KeyWriterState.Idle, 0));
    }

    [Fact]
    public void StartRound_WritesWithDifferentDeadlines_RoundUsesTheEarliest()
    {
        // Arrange
        var writer = Writer();
        CompleteFirstRound(writer);
        writer.Submit(Write("a", deadline: Now.AddSeconds(9)), 1, Now);
        writer.Submit(Write("b", deadline: Now.AddSeconds(3)), 2, Now);
        writer.Submit(Write("c", deadline: Now.AddSeconds(7)), 3, Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act
        var replicate = writer.OnSettled(Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.DeadlineUtc.Should().Be(Now.AddSeconds(3));
    }

    [Fact]
    public void Calls_InTheWrongState_Throw()
    {
        // Arrange
        var writer = Writer();

        // Act / Assert: each report is accepted only in the state that waits on it.
        writer.Invoking(w => w.OnClaimed([], Now)).Should().Throw<InvalidOperationException>().WithMessage("*Idle, not Claiming*");
        writer.Invoking(w => w.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now)).Should().Throw<InvalidOperationException>();
        writer.Invoking(w => w.OnReplicated(new WriteQuorumReached(1), Now)).Should().Throw<InvalidOperationException>();
        writer.Invoking(w => w.OnSettled(Now)).Should().Throw<InvalidOperationException>();
        writer.Submit(Write("v1"), 1, Now);
        writer.Invoking(w => w.OnReplicated(new WriteQuorumReached(1), Now)).Should().Throw<InvalidOperationException>().WithMessage("*ReadingCurrent, not Replicating*");
    }
}
