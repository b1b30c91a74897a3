using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace PairDb.Actors.Support;

/// <summary>
/// The unbounded message queue of <see cref="CompactMailbox"/>: a ring of envelopes under a lock, starting with
/// <see cref="InitialCapacity"/> slots and doubling when full. Akka's default queue (a ConcurrentQueue) allocates a
/// 32-slot segment for every actor up front, about 900 bytes, which dominated what a per-request aggregator or a key
/// actor costs to create and to keep; these actors hold one to a few messages, and their few senders rarely contend
/// for the lock. The count is published with volatile writes so <see cref="HasMessages"/> can be read without the
/// lock, as the dispatcher does when it decides whether to schedule the mailbox.
/// </summary>
public sealed class CompactMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    /// <summary>Slots before the first growth (a power of two, as every later size is).</summary>
    public const int InitialCapacity = 4;

    private readonly Lock _gate = new();
    private Envelope[] _slots = new Envelope[InitialCapacity];
    private int _head;
    private int _count;

    public bool HasMessages => Volatile.Read(ref _count) > 0;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (_gate)
        {
            if (_count == _slots.Length)
            {
                Grow();
            }

            _slots[(_head + _count) & (_slots.Length - 1)] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }

            envelope = _slots[_head];
            _slots[_head] = default;
            _head = (_head + 1) & (_slots.Length - 1);
            Volatile.Write(ref _count, _count - 1);
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        ArgumentNullException.ThrowIfNull(deadletters);
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }

    private void Grow()
    {
        var larger = new Envelope[_slots.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = _slots[(_head + i) & (_slots.Length - 1)];
        }

        _slots = larger;
        _head = 0;
    }
}
