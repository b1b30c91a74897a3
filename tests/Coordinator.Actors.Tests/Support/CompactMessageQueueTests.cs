using System.Diagnostics;
using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using FluentAssertions;
using PairDb.Actors.Support;

namespace PairDb.Actors.Tests.Support;

public sealed class CompactMessageQueueTests
{
    [Fact]
    public void TryDequeue_Empty_ReturnsFalseAndNoMessages()
    {
        var queue = new CompactMessageQueue();

        queue.TryDequeue(out _).Should().BeFalse();
        queue.HasMessages.Should().BeFalse();
        queue.Count.Should().Be(0);
    }

    [Fact]
    public void Enqueue_PastTheInitialCapacityWhileTheHeadHasWrapped_DequeuesEveryMessageInOrder()
    {
        var queue = new CompactMessageQueue();
        var next = 0;
        var expected = 0;

        // Move the head off slot 0 first, so growing has to unwrap the ring.
        for (var i = 0; i < CompactMessageQueue.InitialCapacity - 1; i++)
        {
            queue.Enqueue(ActorRefs.Nobody, Message(next++));
        }

        for (var i = 0; i < 2; i++)
        {
            Dequeued(queue).Should().Be(expected++);
        }

        for (var i = 0; i < 5 * CompactMessageQueue.InitialCapacity; i++)
        {
            queue.Enqueue(ActorRefs.Nobody, Message(next++));
        }

        queue.Count.Should().Be(next - expected);
        while (queue.HasMessages)
        {
            Dequeued(queue).Should().Be(expected++);
        }

        expected.Should().Be(next);
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task Enqueue_FromManyThreadsWhileOneDequeues_DeliversEachMessageOnceInEachSendersOrder()
    {
        const int Senders = 4;
        const int PerSender = 20_000;
        var queue = new CompactMessageQueue();
        var lastBySender = Enumerable.Repeat(-1, Senders).ToArray();
        var received = 0;

        // The consumer gives up at the bound, so a lost message fails the test instead of leaving a thread spinning.
        var bound = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                queue.Enqueue(ActorRefs.Nobody, new Envelope((sender, i), ActorRefs.NoSender));
            }
        })).ToArray();
        var consumer = Task.Run(() =>
        {
            while (received < Senders * PerSender && bound.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (queue.TryDequeue(out var envelope))
                {
                    var (sender, index) = ((int, int))envelope.Message;
                    index.Should().Be(lastBySender[sender] + 1);
                    lastBySender[sender] = index;
                    received++;
                }
            }
        });

        await Task.WhenAll([.. senders, consumer]);
        received.Should().Be(Senders * PerSender);
        queue.HasMessages.Should().BeFalse();
    }

    [Fact]
    public void CleanUp_MessagesLeft_MovesThemToDeadLettersInOrder()
    {
        var queue = new CompactMessageQueue();
        var deadLetters = new UnboundedMessageQueue();
        for (var i = 0; i < 6; i++)
        {
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        }

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        queue.HasMessages.Should().BeFalse();
        Enumerable.Range(0, 6).Select(_ => Dequeued(deadLetters)).Should().Equal(0, 1, 2, 3, 4, 5);
    }

    private static Envelope Message(int value) => new(value, ActorRefs.NoSender);

    private static int Dequeued(IMessageQueue queue)
    {
        queue.TryDequeue(out var envelope).Should().BeTrue();
        return (int)envelope.Message;
    }
}
