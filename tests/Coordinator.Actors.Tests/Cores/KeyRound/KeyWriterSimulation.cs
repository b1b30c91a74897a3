using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>
/// Drives a key writer from a tape of numbers: each number either submits a write (its consistency, RF, client key,
/// value and deadline read from the number) or reports an outcome for what the writer waits on (claims of every kind,
/// reads found, not found or failed, stamps recorded or not, writes reached, failed or in conflict, settled). Checks
/// after every call that no write is answered twice, that the effects match the state, and that every stamp dominates
/// the one before (except a takeover's earlier version sent again, which the read found).
/// </summary>
internal sealed class KeyWriterSimulation
{
    private static readonly string?[] ClientKeys = [null, "k1", "k2", null];

    private readonly KeyWriter<int> _writer = Writer(maxBatch: 3, queueCapacity: 4);
    private readonly Dictionary<int, WriteKey> _submitted = [];
    private readonly Dictionary<int, WriteReply> _answers = [];
    private IReadOnlyList<ClaimRequest> _claims = [];
    private VectorClock? _lastStamp;
    private int _records;

    /// <summary>The version the last read found: a claim taken over with its stamp replays it.</summary>
    private VersionedValue _found = new(new byte[] { 1 }, VectorClock.From([new ClockEntry("coord-b", 1)]), 1, "coord-b", tombstone: false);
    private DateTime _now = Now;

    public KeyWriterState State => _writer.State;

    /// <summary>Submits a write read from <paramref name="n"/>; about one in five is due at once and expires if it queues.</summary>
    public void Submit(int n)
    {
        var id = _submitted.Count;
        var write = Write(
            "x" + (n / 5 % 2),
            ClientKeys[n / 11 % ClientKeys.Length],
            n / 3 % 5 == 0 ? Consistency.One : Consistency.Quorum,
            n / 7 % 6 == 0 ? 2 : 3,
            n % 5 == 0 ? _now : _now.AddSeconds(30));
        _submitted[id] = write;
        var wasIdle = _writer.State == KeyWriterState.Idle;
        Perform(_writer.Submit(write, id, _now), transition: wasIdle);
    }

    /// <summary>Reports an outcome read from <paramref name="n"/> for what the writer waits on; false when idle.</summary>
    public bool Report(int n)
    {
        _now = _now.AddMilliseconds(1);
        switch (_writer.State)
        {
            case KeyWriterState.Claiming:
                Perform(_writer.OnClaimed(n % 17 == 0 ? [] : _claims.Select((c, i) => Outcome(c, (n / 2) + (i * 4))).ToList(), _now));
                return true;
            case KeyWriterState.ReadingCurrent:
                if (n % 3 != 0)
                {
                    _found = new VersionedValue(new byte[] { 1 }, VectorClock.From([new ClockEntry("coord-b", (n % 4) + 1)]), n, "coord-b", tombstone: false);
                }

                Perform(_writer.OnCurrentRead((n / 2 % 4) switch
                {
                    0 => new ReadFailed(FailureKind.QuorumNotReached, "1 of 3 replicas answered, 2 required"),
                    1 => new ReadNotFound(VectorClock.Empty, []),
                    _ => new ReadFound(_found, _found.Clock, [_found]),
                }, _now));
                return true;
            case KeyWriterState.Recording:
                Perform(_writer.OnStampsRecorded(Enumerable.Range(0, _records).Select(i => (((n / 3) + i) % 6) switch
                {
                    0 => (bool?)null,
                    1 => false,
                    _ => true,
                }).ToList()));
                return true;
            case KeyWriterState.Replicating:
                var held = new VersionedValue(new byte[] { 2 }, VectorClock.From([new ClockEntry("coord-c", (n % 3) + 1)]), n, "coord-c", tombstone: false);
                Perform(_writer.OnReplicated((n / 2 % 5) switch
                {
                    0 => new WriteQuorumFailed(FailureKind.QuorumNotReached, "1 of 3 replicas succeeded, 2 required"),
                    1 => new WriteQuorumConflict([held]),
                    2 => new WriteQuorumFailed(FailureKind.DeadlineExceeded, "Deadline exceeded."),
                    _ => new WriteQuorumReached((n % 3) + 1),
                }, _now));
                return true;
            case KeyWriterState.Finishing:
                Perform(_writer.OnSettled(_now));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reports successes until the writer is idle (every claim new, reads empty, writes reached).</summary>
    public void Drain()
    {
        for (var step = 0; step < 1000 && _writer.State != KeyWriterState.Idle; step++)
        {
            Report(_writer.State switch
            {
                KeyWriterState.Claiming => 2,
                KeyWriterState.Recording => 6,
                _ => 7,
            });
        }

        Expect(_writer.State == KeyWriterState.Idle, "successes drain the writer");
    }

    /// <summary>Writes submitted and not answered (answers only ever go to submitted writes, once).</summary>
    public IReadOnlyList<int> Unanswered() => _submitted.Keys.Where(id => !_answers.ContainsKey(id)).ToList();

    public void Stop() => Perform(_writer.Stop(), transition: true);

    private ClaimOutcome Outcome(ClaimRequest request, int n) => (n % 7) switch
    {
        0 => new ClaimOutcome(null, "store down"),
        1 when n % 3 == 0 => new ClaimOutcome(new IdempotencyClaim.Claimed(new RecordedStamp(_found.Clock, _found.Clock, _found.TimestampMicros, _found.CoordinatorId))),
        1 => new ClaimOutcome(new IdempotencyClaim.Claimed()),
        2 => new ClaimOutcome(new IdempotencyClaim.Claimed()),
        3 => new ClaimOutcome(new IdempotencyClaim.Completed(request.Fingerprint, new IdempotentWriteResult(VectorClock.Empty, 1, Consistency.One))),
        4 => new ClaimOutcome(new IdempotencyClaim.Completed("other", new IdempotentWriteResult(VectorClock.Empty, 1, Consistency.One))),
        5 => new ClaimOutcome(new IdempotencyClaim.InProgress(request.Fingerprint)),
        _ => new ClaimOutcome(new IdempotencyClaim.InProgress("other")),
    };

    /// <summary>
    /// Checks and records <paramref name="effects"/>. After a <paramref name="transition"/> (any report, a submit to an
    /// idle writer) the one work effect names what the new state waits on; a write queued behind a round starts nothing.
    /// </summary>
    private void Perform(IReadOnlyList<KeyWriterEffect<int>> effects, bool transition = true)
    {
        var work = effects.Where(e => e is not KeyWriterEffect<int>.Answer).ToList();
        Expect(work.Count <= 1, "one thing is waited on at a time");
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case KeyWriterEffect<int>.Answer answer:
                    Expect(_submitted.ContainsKey(answer.ReplyTo), "only submitted writes are answered");
                    Expect(_answers.TryAdd(answer.ReplyTo, answer.Reply), "each write is answered exactly once");
                    break;
                case KeyWriterEffect<int>.Claim claim:
                    Expect(claim.Requests.Count > 0, "a claim effect claims something");
                    _claims = claim.Requests;
                    break;
                case KeyWriterEffect<int>.RecordStamps record:
                    Expect(record.Records.Count > 0, "a record effect records something");
                    _records = record.Records.Count;
                    break;
                case KeyWriterEffect<int>.Replicate replicate when ReferenceEquals(replicate.Version, _found):
                    _lastStamp = _lastStamp is null ? _found.Clock : _lastStamp.Merge(_found.Clock);
                    break;
                case KeyWriterEffect<int>.Replicate replicate:
                    Expect(_lastStamp is null || replicate.Version.Clock.Dominates(_lastStamp), "every stamp dominates the one before");

                    _lastStamp = replicate.Version.Clock;
                    break;
                case KeyWriterEffect<int>.Settle settle:
                    CheckSettlements(settle.Settlements, effects);
                    break;
            }
        }

        if (!transition)
        {
            Expect(work.Count == 0, "a write queued behind a round starts nothing");
            return;
        }

        var expected = _writer.State switch
        {
            KeyWriterState.Claiming => typeof(KeyWriterEffect<int>.Claim),
            KeyWriterState.ReadingCurrent => typeof(KeyWriterEffect<int>.ReadCurrent),
            KeyWriterState.Recording => typeof(KeyWriterEffect<int>.RecordStamps),
            KeyWriterState.Replicating => typeof(KeyWriterEffect<int>.Replicate),
            KeyWriterState.Finishing => typeof(KeyWriterEffect<int>.Settle),
            _ => null,
        };
        if (expected is null)
        {
            Expect(work.Count == 0, "an idle or stopped writer waits on nothing");
            Expect(_writer.Queued == 0 && _writer.InRound == 0, "an idle or stopped writer holds no write");
        }
        else
        {
            Expect(work.Count == 1 && work[0].GetType() == expected, $"{_writer.State} starts with one {expected.Name}");
        }
    }

    /// <summary>A completion records a write answered with success in the same step; a release, one answered failed.</summary>
    private void CheckSettlements(IReadOnlyList<IdempotencySettlement> settlements, IReadOnlyList<KeyWriterEffect<int>> effects)
    {
        foreach (var settlement in settlements)
        {
            var answers = effects.OfType<KeyWriterEffect<int>.Answer>()
                .Where(a => _submitted[a.ReplyTo].IdempotencyKey == settlement.IdempotencyKey && _submitted[a.ReplyTo].ClientIdempotencyKey)
                .Select(a => a.Reply)
                .ToList();
            if (settlement is IdempotencySettlement.Complete complete)
            {
                Expect(answers.OfType<WriteSucceeded>().Any(s => s.Clock == complete.Result.Clock), "a completion records a success");
            }
            else
            {
                Expect(answers.OfType<WriteFailed>().Any(), "a release follows a failure");
            }
        }
    }

    /// <summary>A plain check: FluentAssertions' call-site lookup is too slow for every step of every case.</summary>
    private static void Expect(bool condition, string rule)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Broken: " + rule + ".");
        }
    }
}
