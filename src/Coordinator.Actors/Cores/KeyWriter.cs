using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// The single writer of one (tenant, key), without actors (Riak's put_core beside its FSM): it queues writes (bounded)
/// and runs them in rounds. A round takes the queued writes of one consistency and RF (up to a bound), claims their
/// client idempotency keys, reads the current versions from a quorum, stamps each write in turn from the merged clock
/// (the only place a clock is incremented) and replicates the last stamp, which dominates the others, so a hot key
/// costs one write per round, not per request. Once it has stamped the key, later rounds skip the read: they write
/// conditionally from that stamp (replicas refuse a stamp that does not dominate what they hold, and the round then
/// stamps again from their versions). Every call returns the effects the shell performs, and reports come back as
/// calls; time comes in as a parameter. Mutable and single-owner: the key actor that holds it is the only caller.
/// </summary>
/// <typeparam name="TReplyTo">Whom to answer a write: opaque to the writer, handed back in <see cref="KeyWriterEffect{TReplyTo}.Answer"/>.</typeparam>
public sealed partial class KeyWriter<TReplyTo>
{
    private readonly KeyWriterSettings _settings;
    private readonly IKeyPlacement _placement;
    private readonly LinkedList<PendingWrite<TReplyTo>> _queue = new();
    private List<PendingWrite<TReplyTo>> _round = [];
    private StorageNode[] _replicas = [];
    private int _required;
    private DateTime _deadline;

    /// <summary>
    /// Starts idle from <paramref name="lastStamp"/>, the last stamp an earlier writer of this key on this coordinator
    /// made (its first round then writes conditionally from it), or with nothing stamped yet (the first round reads first).
    /// </summary>
    public KeyWriter(KeyWriterSettings settings, IKeyPlacement placement, VersionedValue? lastStamp = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatch, 1);
        _settings = settings;
        _placement = placement;
        LastStamp = lastStamp;
    }

    /// <summary>What the writer waits on. <see cref="KeyWriterState.Idle"/> implies nothing is queued.</summary>
    public KeyWriterState State { get; private set; }

    /// <summary>Writes waiting behind the round in flight.</summary>
    public int Queued => _queue.Count;

    /// <summary>Writes of the round in flight not answered yet (none once it is finishing).</summary>
    public int InRound => State is KeyWriterState.Claiming or KeyWriterState.ReadingCurrent or KeyWriterState.Recording or KeyWriterState.Replicating
        ? _round.Count
        : 0;

    /// <summary>
    /// The last version this writer stamped (value dropped): it dominates everything the writer has seen of the key.
    /// Null until the first round unless the writer started from an earlier writer's last stamp.
    /// </summary>
    public VersionedValue? LastStamp { get; private set; }

    /// <summary>
    /// Accepts a write (answered Overloaded at once when <see cref="KeyWriterSettings.QueueCapacity"/> writes already
    /// wait) and, when idle, starts a round.
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> Submit(WriteKey command, TReplyTo replyTo, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ThrowIfStopped();
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        if (_queue.Count >= _settings.QueueCapacity)
        {
            // A bounded mailbox alone does not bound waiting writes: the shell drains its mailbox into this queue while
            // a round is in flight, so the queue refuses at once too (RESOURCE_EXHAUSTED at the edge).
            effects.Add(new KeyWriterEffect<TReplyTo>.Answer(replyTo, new WriteFailed(
                FailureKind.Overloaded, $"{_settings.QueueCapacity} writes of this key are already waiting; retry with backoff.")));
            return effects;
        }

        _queue.AddLast(new PendingWrite<TReplyTo>(command, replyTo));
        if (State == KeyWriterState.Idle)
        {
            StartRound(now, effects);
        }

        return effects;
    }

    /// <summary>The finished round's idempotency outcomes are stored: the next round starts, if anything waits.</summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> OnSettled(DateTime now)
    {
        Expect(KeyWriterState.Finishing);
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        _round = [];
        State = KeyWriterState.Idle;
        StartRound(now, effects);
        return effects;
    }

    /// <summary>
    /// The shell is stopping: every write not answered yet (in the round and queued) is answered as failed, once.
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> Stop()
    {
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        var stopped = new WriteFailed(FailureKind.Internal, "The key's actor stopped before the write was applied.");
        // A finishing round has answered all its writes; any other round has answered none, even one whose start
        // threw before the state moved on (the actor then restarts, and stopping this writer answers them).
        if (State != KeyWriterState.Finishing)
        {
            foreach (var pending in _round)
            {
                effects.Add(new KeyWriterEffect<TReplyTo>.Answer(pending.ReplyTo, stopped));
            }
        }

        foreach (var pending in _queue)
        {
            effects.Add(new KeyWriterEffect<TReplyTo>.Answer(pending.ReplyTo, stopped));
        }

        _round = [];
        _queue.Clear();
        State = KeyWriterState.Stopped;
        return effects;
    }

    /// <summary>
    /// Forms the next round from the head of the queue: writes whose deadline passed while queued are answered
    /// DeadlineExceeded; the round takes writes of the first one's consistency and RF, up to MaxBatch, in order.
    /// </summary>
    private void StartRound(DateTime now, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var round = new List<PendingWrite<TReplyTo>>();
        while (_queue.First is { } node && round.Count < _settings.MaxBatch)
        {
            var next = node.Value;
            if (next.Command.DeadlineUtc <= now)
            {
                _queue.RemoveFirst();
                effects.Add(new KeyWriterEffect<TReplyTo>.Answer(next.ReplyTo, new WriteFailed(
                    FailureKind.DeadlineExceeded, "Deadline exceeded while queued behind earlier writes of this key.")));
                continue;
            }

            if (round.Count > 0 && (next.RunsAlone || round[0].RunsAlone
                || next.Command.Consistency != round[0].Command.Consistency
                || next.Command.ReplicationFactor != round[0].Command.ReplicationFactor))
            {
                break;
            }

            _queue.RemoveFirst();
            round.Add(next);
        }

        if (round.Count == 0)
        {
            return;
        }

        _round = round;
        _deadline = round[0].Command.DeadlineUtc;
        List<ClaimRequest>? claims = null;
        foreach (var pending in round)
        {
            _deadline = pending.Command.DeadlineUtc < _deadline ? pending.Command.DeadlineUtc : _deadline;
            if (pending.NeedsClaim)
            {
                (claims ??= []).Add(new ClaimRequest(pending.Command.IdempotencyKey, pending.Fingerprint, HeldUntil(pending.Command.DeadlineUtc)));
            }
        }

        if (claims is not null)
        {
            State = KeyWriterState.Claiming;
            effects.Add(new KeyWriterEffect<TReplyTo>.Claim(claims));
            return;
        }

        WriteOrReadFirst(now, effects);
    }

    /// <summary>A write's deadline plus the claim margin, saturating at the largest time.</summary>
    private DateTime HeldUntil(DateTime deadline) =>
        deadline > DateTime.MaxValue - _settings.ClaimMargin ? DateTime.MaxValue : deadline + _settings.ClaimMargin;

    private void Expect(KeyWriterState state)
    {
        if (State != state)
        {
            throw new InvalidOperationException($"The key writer is {State}, not {state}.");
        }
    }

    private void ThrowIfStopped()
    {
        if (State == KeyWriterState.Stopped)
        {
            throw new InvalidOperationException("The key writer stopped.");
        }
    }
}
