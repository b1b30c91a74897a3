using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>The key writer's write step: read first or write conditionally, stamp, replicate, answer.</summary>
public sealed partial class KeyWriter<TReplyTo>
{
    /// <summary>
    /// The current versions came back: stamp the round from them and replicate, or fail the round when the read
    /// failed.
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> OnCurrentRead(ReadReply reply, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Expect(KeyWriterState.ReadingCurrent);
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        switch (reply)
        {
            case ReadFound found:
                StampAndWrite(found.Siblings, ifDominates: false, now, effects);
                break;
            case ReadNotFound notFound:
                StampAndWrite(notFound.Siblings, ifDominates: false, now, effects);
                break;
            case ReadFailed failed:
                FailRound(failed.Kind, "Reading the key's current version failed: " + failed.Message, effects);
                break;
            default:
                throw new InvalidOperationException($"Unexpected read reply {reply.GetType().Name}.");
        }

        return effects;
    }

    /// <summary>
    /// The replicated write came back: on success every write of the round is answered with its own clock and its
    /// claim completed; on failure each is answered with the failure and its claim released; on a conflict (the last
    /// stamp was stale: another coordinator, a repair or a restart wrote since) the round stamps again from what the
    /// replicas hold plus the refused stamp (it may sit on replicas that accepted it) and writes unconditionally.
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> OnReplicated(WriteQuorumReply reply, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Expect(KeyWriterState.Replicating);
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        switch (reply)
        {
            case WriteQuorumConflict conflict:
                var current = new List<VersionedValue>(conflict.Current) { LastStamp! };
                StampAndWrite(current, ifDominates: false, now, effects);
                break;
            case WriteQuorumFailed failed:
                FailRound(failed.Kind, failed.Message, effects);
                break;
            case WriteQuorumReached reached:
                Succeed(reached.Acknowledged, effects);
                break;
            default:
                throw new InvalidOperationException($"Unexpected write reply {reply.GetType().Name}.");
        }

        return effects;
    }

    /// <summary>
    /// With a last stamp (this writer stamped the key before) the round writes conditionally from it, skipping the
    /// read; a replica holding anything the stamp does not dominate refuses, and the round stamps again from what the
    /// replicas hold. Without one it reads the current versions from a quorum first, as DESIGN.md's
    /// read-modify-write says, so writes from the same state on two coordinators end as siblings.
    /// </summary>
    private void WriteOrReadFirst(DateTime now, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var first = _round[0].Command;
        _replicas = _placement.PreferenceList(first.ReplicationFactor);
        _required = ConsistencyLevels.Required(first.Consistency, first.ReplicationFactor);
        if (_replicas.Length < _required)
        {
            FailRound(FailureKind.NoReplicas, $"Consistency {ConsistencyLevels.Name(first.Consistency)} needs {_required} replicas but the ring has {_replicas.Length} storage nodes for this key.", effects);
            return;
        }

        // Refused before anything is sent when the failure detector already holds too many replicas down, so this
        // UNAVAILABLE guarantees the write reached no replica (a quorum failure after sending does not).
        var down = _placement.CountDown(_replicas);
        if (_replicas.Length - down < _required)
        {
            var why = _placement.DownDetail(_replicas);
            FailRound(
                FailureKind.NoReplicas,
                $"Consistency {ConsistencyLevels.Name(first.Consistency)} needs {_required} replicas but {down} of {_replicas.Length} replicas are down ({why}); nothing was written.",
                effects);
            return;
        }

        if (LastStamp is { } context)
        {
            StampAndWrite([context], ifDominates: true, now, effects);
            return;
        }

        State = KeyWriterState.ReadingCurrent;
        effects.Add(new KeyWriterEffect<TReplyTo>.ReadCurrent(_replicas, _required, _deadline));
    }

    /// <summary>
    /// Stamps each write of the round in turn from <paramref name="current"/> (the only place a clock is incremented)
    /// and replicates the last stamp, which dominates the others. The stamp becomes the last stamp at once, whatever
    /// the outcome: it may have reached some replica, so the next stamp must dominate it (a clock is never reused).
    /// </summary>
    private void StampAndWrite(IReadOnlyList<VersionedValue> current, bool ifDominates, DateTime now, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var nowMicros = (now - DateTime.UnixEpoch).Ticks / 10;
        VersionedValue? last = null;
        foreach (var pending in _round)
        {
            var command = pending.Command;
            last = WriteStamp.Stamp(current, _settings.CoordinatorId, command.Value, command.Tombstone, command.TtlMillis, nowMicros, _settings.MaxClockEntries);
            pending.Clock = last.Clock;
            current = [last];
        }

        LastStamp = new VersionedValue(ReadOnlyMemory<byte>.Empty, last!.Clock, last.TimestampMicros, last.CoordinatorId, last.Tombstone, last.ExpiresAtMicros);
        State = KeyWriterState.Replicating;
        effects.Add(new KeyWriterEffect<TReplyTo>.Replicate(last, _replicas, _required, _deadline, _round[0].Command.ReplicationFactor, ifDominates));
    }

    private void Succeed(int acknowledged, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var settlements = new List<IdempotencySettlement>();
        foreach (var pending in _round)
        {
            var command = pending.Command;
            Answer(effects, pending, new WriteSucceeded(pending.Clock!, acknowledged, command.Consistency, command.IdempotencyKey, IsDuplicate: false));
            if (pending.Claimed)
            {
                settlements.Add(new IdempotencySettlement.Complete(
                    command.IdempotencyKey, pending.Fingerprint, new IdempotentWriteResult(pending.Clock!, acknowledged, command.Consistency)));
            }
        }

        Finish(effects, settlements);
    }

    private void FailRound(FailureKind kind, string message, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var settlements = new List<IdempotencySettlement>();
        foreach (var pending in _round)
        {
            Answer(effects, pending, new WriteFailed(kind, message));
            if (pending.Claimed)
            {
                settlements.Add(new IdempotencySettlement.Release(pending.Command.IdempotencyKey, pending.Fingerprint));
            }
        }

        Finish(effects, settlements);
    }

    /// <summary>Every write of the round is answered; the next round starts once the store has the outcomes.</summary>
    private void Finish(List<KeyWriterEffect<TReplyTo>> effects, List<IdempotencySettlement> settlements)
    {
        State = KeyWriterState.Finishing;
        effects.Add(new KeyWriterEffect<TReplyTo>.Settle(settlements));
    }

    private static void Answer(List<KeyWriterEffect<TReplyTo>> effects, PendingWrite<TReplyTo> pending, WriteReply reply) =>
        effects.Add(new KeyWriterEffect<TReplyTo>.Answer(pending.ReplyTo, reply));
}
