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
                StampOrReplay(found.Siblings, now, effects);
                break;
            case ReadNotFound notFound:
                StampOrReplay(notFound.Siblings, now, effects);
                break;
            case ReadFailed failed:
                FailRound(new WriteFailed(failed.Kind, "Reading the key's current version failed: " + failed.Message), effects);
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
    /// replicas hold plus the refused stamp (it may sit on replicas that accepted it) and writes unconditionally. A
    /// conditional write is not stamped again: its condition was decided without the version the replicas revealed,
    /// and its refused stamp may sit on some replica, so it fails as a conflict (ABORTED: read and retry).
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> OnReplicated(WriteQuorumReply reply, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Expect(KeyWriterState.Replicating);
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        switch (reply)
        {
            case WriteQuorumConflict when _round[0].IsConditional:
                FailRound(new WriteFailed(FailureKind.ConditionConflict,
                    "Another writer of this key wrote concurrently with this conditional write, which may have reached some replicas; read the key and retry."), effects);
                break;
            case WriteQuorumConflict conflict:
                var refused = LastStamp!;
                foreach (var pending in _round)
                {
                    // A write answered as its earlier attempt is stamped again too: the new stamp dominates that version.
                    pending.Context = pending.Context?.Merge(refused.Clock);
                    pending.Replayed = false;
                }

                StampAndWrite(new List<VersionedValue>(conflict.Current) { refused }, ifDominates: false, now, effects);
                break;
            case WriteQuorumFailed failed:
                FailRound(new WriteFailed(failed.Kind, failed.Message), effects);
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
    /// read-modify-write says, so writes from the same state on two coordinators end as siblings. A conditional write
    /// always reads first: a condition that failed against a stale last stamp would fail wrongly.
    /// </summary>
    private void WriteOrReadFirst(DateTime now, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var first = _round[0].Command;
        _replicas = _placement.PreferenceList(first.ReplicationFactor);
        _required = ConsistencyLevels.Required(first.Consistency, first.ReplicationFactor);
        if (_replicas.Length < _required)
        {
            FailRound(new WriteFailed(FailureKind.NoReplicas, $"Consistency {ConsistencyLevels.Name(first.Consistency)} needs {_required} replicas but the ring has {_replicas.Length} storage nodes for this key."), effects);
            return;
        }

        // Refused before anything is sent when the failure detector already holds too many replicas down, so this
        // UNAVAILABLE guarantees the write reached no replica (a quorum failure after sending does not).
        var down = _placement.CountDown(_replicas);
        if (_replicas.Length - down < _required)
        {
            var why = _placement.DownDetail(_replicas);
            FailRound(
                new WriteFailed(
                    FailureKind.ReplicasDown,
                    $"Consistency {ConsistencyLevels.Name(first.Consistency)} needs {_required} replicas but {down} of {_replicas.Length} replicas are down ({why}); nothing was written."),
                effects);
            return;
        }

        if (LastStamp is { } context && !_round[0].IsConditional && !TakesOver())
        {
            StampAndWrite([context], ifDominates: true, now, effects);
            return;
        }

        var read = ReadCurrentFrom(first, out var refusal);
        if (refusal is not null)
        {
            FailRound(new WriteFailed(FailureKind.ReplicasDown, refusal), effects);
            return;
        }

        State = KeyWriterState.ReadingCurrent;
        effects.Add(read!);
    }

    /// <summary>
    /// The read before the stamp counts only replicas that are not being rebuilt, as a client's read does: an emptied
    /// replica's answer could hide the key's latest version, and a stamp made without it could be dominated by it (an
    /// acknowledged write lost once the rebuild brings that version back). When fewer than the consistency's count are
    /// not being rebuilt, the write still goes ahead (it never waits for a rebuild) but its read waits for every one of
    /// them, so the stamp dominates all that the intact replicas hold; the rebuilding ones are asked and merged, never
    /// counted. Such a write is refused at once (<paramref name="refusal"/>, nothing sent) when the failure detector
    /// holds one of those intact replicas down, since its read could not succeed. Only when every replica is being
    /// rebuilt, so nothing intact is left to read, does every answer count.
    /// </summary>
    private KeyWriterEffect<TReplyTo>.ReadCurrent? ReadCurrentFrom(WriteKey first, out string? refusal)
    {
        refusal = null;
        var plan = ReadQuorumPlan.Create(_replicas, first.Consistency, first.ReplicationFactor, _placement.IsRebuilding);
        if (plan.Refusal is null)
        {
            return new KeyWriterEffect<TReplyTo>.ReadCurrent(plan.Replicas, plan.Required, _deadline, plan.Rebuilding);
        }

        var intact = plan.Replicas[plan.Rebuilding.Length..];
        if (intact.Length == 0)
        {
            return new KeyWriterEffect<TReplyTo>.ReadCurrent(_replicas, _required, _deadline, []);
        }

        if (_placement.CountDown(intact) > 0)
        {
            refusal = $"Only {intact.Length} of the key's {_replicas.Length} replicas are not rebuilding ({string.Join(", ", plan.Rebuilding)} "
                + $"lost their data), and the write must read every one of those before it stamps, but {_placement.DownDetail(intact)}; nothing was written.";
            return null;
        }

        return new KeyWriterEffect<TReplyTo>.ReadCurrent(plan.Replicas, intact.Length, _deadline, plan.Rebuilding);
    }

    /// <summary>
    /// Stamps each write of the round in turn from <paramref name="current"/> (the only place a clock is incremented)
    /// and replicates the last stamp, which dominates the others. The stamp becomes the last stamp at once, whatever
    /// the outcome: it may have reached some replica, so the next stamp must dominate it (a clock is never reused).
    /// A round of one write with a condition or a causal context goes through <see cref="StampAlone"/>.
    /// </summary>
    private void StampAndWrite(IReadOnlyList<VersionedValue> current, bool ifDominates, DateTime now, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var nowMicros = (now - DateTime.UnixEpoch).Ticks / 10;
        if (_round[0].RunsAlone)
        {
            StampAlone(_round[0], current, ifDominates, nowMicros, effects);
            return;
        }

        VersionedValue? last = null;
        foreach (var pending in _round)
        {
            if (pending.Replayed)
            {
                continue;
            }

            var command = pending.Command;
            last = WriteStamp.Stamp(current, _settings.CoordinatorId, command.Value, command.Tombstone, command.TtlMillis, nowMicros, _settings.MaxClockEntries);
            pending.Clock = last.Clock;
            current = [last];
        }

        Replicate(last!, ifDominates, effects);
    }

    /// <summary>
    /// A write with a condition: answered WriteConditionFailed (nothing written) unless it holds against
    /// <paramref name="current"/>, then stamped over all of it and written only where nothing newer sits. A write with
    /// a causal context: when the context covers every current version it is stamped over them (and the context) like
    /// any write; otherwise it is stamped beside the versions the context does not cover, which stay as siblings, and
    /// the writer forgets its last stamp (no single version dominates the key any more, so the next round reads).
    /// </summary>
    private void StampAlone(PendingWrite<TReplyTo> pending, IReadOnlyList<VersionedValue> current, bool ifDominates, long nowMicros, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var command = pending.Command;
        var merged = SiblingSet.MergedClock(current);
        if (pending.IsConditional)
        {
            // As a read sees it: the key exists when its last-write-wins winner is live (not deleted, not expired).
            var exists = current.Count > 0 && SiblingSet.Winner(current).IsLive(nowMicros);
            var refusal = WriteCondition.Check(command, merged, exists);
            if (refusal is not null)
            {
                FailRound(new WriteConditionFailed(merged, exists, refusal), effects);
                return;
            }

            var stamp = WriteStamp.Stamp(current, _settings.CoordinatorId, command.Value, command.Tombstone, command.TtlMillis, nowMicros, _settings.MaxClockEntries);
            pending.Clock = stamp.Clock;
            Replicate(stamp, ifDominates: true, effects);
            return;
        }

        var context = pending.Context!;
        if (merged.CompareTo(context) is ClockOrder.Before or ClockOrder.Identical)
        {
            var over = WriteStamp.StampOver(current, context, _settings.CoordinatorId, command.Value, command.Tombstone, command.TtlMillis, nowMicros, _settings.MaxClockEntries);
            pending.Clock = over.Clock;
            Replicate(over, ifDominates, effects);
            return;
        }

        var beside = WriteStamp.StampBeside(current, context, _settings.CoordinatorId, command.Value, command.Tombstone, command.TtlMillis, nowMicros, _settings.MaxClockEntries);
        pending.Clock = beside.Clock;
        Replicate(beside, ifDominates: false, effects);
        LastStamp = null;
    }

    /// <summary>
    /// Records <paramref name="version"/> as the last stamp (value dropped) and sends it to the replicas; first, when
    /// writes of the round hold idempotency claims, has its stamp recorded in them (<see cref="OnStampsRecorded"/>).
    /// </summary>
    private void Replicate(VersionedValue version, bool ifDominates, List<KeyWriterEffect<TReplyTo>> effects)
    {
        LastStamp = new VersionedValue(ReadOnlyMemory<byte>.Empty, version.Clock, version.TimestampMicros, version.CoordinatorId, version.Tombstone, version.ExpiresAtMicros);
        var replicate = new KeyWriterEffect<TReplyTo>.Replicate(version, _replicas, _required, _deadline, _round[0].Command.ReplicationFactor, ifDominates);
        var records = StampRecords(version);
        if (records.Count > 0)
        {
            _recording = replicate;
            State = KeyWriterState.Recording;
            effects.Add(new KeyWriterEffect<TReplyTo>.RecordStamps(records));
            return;
        }

        State = KeyWriterState.Replicating;
        effects.Add(replicate);
    }

    /// <summary>
    /// The versions a read returned together with the last stamp, when there is one: a read at a low consistency may
    /// miss it, and a version that the stamp dominates is no longer current.
    /// </summary>
    private IReadOnlyList<VersionedValue> Known(IReadOnlyList<VersionedValue> read) =>
        LastStamp is { } last ? SiblingSet.MergeAll([.. read, last]) : read;

    private void Succeed(int acknowledged, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var settlements = new List<IdempotencySettlement>();
        foreach (var pending in _round)
        {
            var command = pending.Command;
            Answer(effects, pending, new WriteSucceeded(pending.Clock!, acknowledged, command.Consistency, command.IdempotencyKey, IsDuplicate: pending.Replayed));
            if (pending.Claimed)
            {
                settlements.Add(new IdempotencySettlement.Complete(
                    command.IdempotencyKey, pending.Fingerprint, new IdempotentWriteResult(pending.Clock!, acknowledged, command.Consistency)));
            }
        }

        Finish(effects, settlements);
    }

    private void FailRound(WriteReply failure, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var settlements = new List<IdempotencySettlement>();
        foreach (var pending in _round)
        {
            Answer(effects, pending, failure);
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
