using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// The key writer's exactly-once step for idempotent writes: a round's stamp is recorded in its claims before it is
/// sent, and a write that took over a lapsed claim (its earlier attempt's coordinator died mid-write, or the attempt
/// failed after sending) is answered as that attempt when the read finds its version, or else stamped over it.
/// </summary>
public sealed partial class KeyWriter<TReplyTo>
{
    /// <summary>The replication that waits for the round's stamp to be recorded.</summary>
    private KeyWriterEffect<TReplyTo>.Replicate? _recording;

    /// <summary>
    /// The round's stamp was recorded (one outcome per claimed write of the round, in order: true recorded, false the
    /// claim is no longer this write's, null the store gave no answer; missing ones read as no answer): the version is
    /// sent. Otherwise nothing is sent and the round fails; a write whose claim another request took over leaves that
    /// claim alone.
    /// </summary>
    public IReadOnlyList<KeyWriterEffect<TReplyTo>> OnStampsRecorded(IReadOnlyList<bool?> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Expect(KeyWriterState.Recording);
        var effects = new List<KeyWriterEffect<TReplyTo>>();
        var index = 0;
        WriteFailed? failure = null;
        foreach (var pending in _round)
        {
            if (!pending.Claimed)
            {
                continue;
            }

            var recorded = index < outcomes.Count ? outcomes[index] : null;
            index++;
            if (recorded == false)
            {
                pending.Claimed = false;
                failure = new WriteFailed(FailureKind.IdempotencyInProgress,
                    $"The claim of idempotency key '{pending.Command.IdempotencyKey}' lapsed before the write was sent; nothing was written; retry it.");
            }
            else if (recorded is null)
            {
                failure ??= new WriteFailed(FailureKind.DependencyUnavailable,
                    "Idempotency store unavailable: the write's stamp could not be recorded; nothing was written.");
            }
        }

        var replicate = _recording!;
        _recording = null;
        if (failure is not null)
        {
            FailRound(failure, effects);
            return effects;
        }

        State = KeyWriterState.Replicating;
        effects.Add(replicate);
        return effects;
    }

    /// <summary>
    /// Stamps the round from the read (and the last stamp), or, when every write of the round took over a lapsed claim
    /// whose version the read found, sends that version again (to the replicas that lack it) instead of a new one.
    /// A condition is checked against the read, and the write then goes out only if the replicas hold nothing its
    /// stamp does not dominate, so a version the read missed cannot slip under it.
    /// </summary>
    private void StampOrReplay(IReadOnlyList<VersionedValue> read, DateTime now, List<KeyWriterEffect<TReplyTo>> effects)
    {
        var current = Known(read);
        if (TakesOver())
        {
            current = TakeOver(read, current, out var replay);
            if (replay is not null)
            {
                // The earlier version may be older than this writer's last stamp: the last stamp must still dominate
                // everything seen, so it becomes both clocks merged. It stands for the replayed write, the key's
                // latest, so it keeps that write's tombstone and expiry: the writer merges its last stamp into later
                // reads, and a replayed delete must still read as deleted (an if_absent write then holds).
                var previous = LastStamp;
                Replicate(replay, ifDominates: false, effects);
                if (previous is not null)
                {
                    LastStamp = new VersionedValue(ReadOnlyMemory<byte>.Empty, previous.Clock.Merge(replay.Clock),
                        Math.Max(previous.TimestampMicros, replay.TimestampMicros), previous.CoordinatorId, replay.Tombstone, replay.ExpiresAtMicros);
                }

                return;
            }
        }

        StampAndWrite(current, ifDominates: _round[0].IsConditional, now, effects);
    }

    /// <summary>Whether a write of the round took over a lapsed claim with a recorded stamp.</summary>
    private bool TakesOver()
    {
        foreach (var pending in _round)
        {
            if (pending.Lapsed is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For each write that took over a lapsed claim: when the read holds the version its earlier attempt sent, the
    /// write is answered as that attempt (its clock, is_duplicate) and not stamped again; otherwise the earlier version,
    /// which may sit on a replica the read did not ask or arrive late, joins what the round stamps over, so the new
    /// version dominates it (a conditional write instead goes out only where nothing it does not dominate sits).
    /// Returns what the round stamps over, and in <paramref name="replay"/> the found version to send when no write
    /// of the round is left to stamp.
    /// </summary>
    private List<VersionedValue> TakeOver(IReadOnlyList<VersionedValue> read, IReadOnlyList<VersionedValue> current, out VersionedValue? replay)
    {
        replay = null;
        var stampsOver = new List<VersionedValue>(current);
        var stamping = false;
        foreach (var pending in _round)
        {
            if (pending.Lapsed is not { } lapsed)
            {
                stamping = true;
                continue;
            }

            var held = Find(read, lapsed);
            if (held is not null)
            {
                pending.Replayed = true;
                pending.Clock = lapsed.WriteClock;
                replay = held;
                continue;
            }

            stamping = true;
            if (!pending.IsConditional)
            {
                stampsOver.Add(new VersionedValue(ReadOnlyMemory<byte>.Empty, lapsed.VersionClock, lapsed.TimestampMicros, lapsed.CoordinatorId, tombstone: false));
                pending.Context = pending.Context?.Merge(lapsed.VersionClock);
            }
        }

        if (stamping)
        {
            replay = null;
        }

        return stampsOver;
    }

    private static VersionedValue? Find(IReadOnlyList<VersionedValue> read, RecordedStamp stamp)
    {
        foreach (var version in read)
        {
            if (stamp.Identifies(version))
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>What each claimed write of the round records before <paramref name="version"/> is sent.</summary>
    private List<StampRecord> StampRecords(VersionedValue version)
    {
        var records = new List<StampRecord>();
        foreach (var pending in _round)
        {
            if (pending.Claimed)
            {
                records.Add(new StampRecord(pending.Command.IdempotencyKey, pending.Fingerprint,
                    new RecordedStamp(pending.Clock!, version.Clock, version.TimestampMicros, version.CoordinatorId)));
            }
        }

        return records;
    }
}
