using PairDb.Actors.Cores;
using Akka.Actor;
using PairDb.Actors.Support;
using PairDb.Actors.Quorum;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Keys;

/// <summary>
/// One live (tenant, key): serialises its writes and deletes. A round takes the queued writes (same consistency
/// and RF, up to a bound), claims their idempotency keys, reads the current versions from a quorum, stamps each
/// write in turn from the merged clock (the only place a clock is incremented), and replicates the last stamp,
/// which dominates the others, so a hot key costs one write per round, not per request. Once the actor has stamped
/// the key, later rounds skip the read: they write conditionally from that stamp (replicas refuse a stamp that does
/// not dominate what they hold, and the round then stamps again from their versions).
/// </summary>
public sealed partial class KeyActor : UntypedActor, IWithTimers
{
    private static readonly TimeSpan AskSlack = TimeSpan.FromSeconds(1);
    private string _tenantId = string.Empty;
    private string _key = string.Empty;
    private readonly KeyActorServices _services;
    private readonly LinkedList<PendingWrite> _queue = new();
    private readonly int _queueCapacity;
    private List<PendingWrite>? _round;
    private StorageNode[] _replicas = [];
    private int _required;
    private DateTime _deadline;
    private bool _stopAsked;

    /// <summary>
    /// The last version this actor stamped (value dropped): it dominates everything the actor has seen of the key.
    /// Null until the first round; lost on passivation, so a key idle for long is read first again.
    /// </summary>
    private VersionedValue? _context;

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private KeyActor(KeyActorServices services, int queueCapacity)
    {
        _services = services;
        _queueCapacity = queueCapacity;
    }

    /// <summary>
    /// <paramref name="queueCapacity"/> bounds the writes waiting behind the round in flight; past it a write is refused
    /// at once (RESOURCE_EXHAUSTED at the edge). The mailbox drains into that queue, so it stays short.
    /// </summary>
    public static Props Props(KeyActorServices services, int queueCapacity) =>
        ActorProps.Of(() => new KeyActor(services, queueCapacity));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WriteKey when _queue.Count >= _queueCapacity:
                _services.Counters.CountQueueFull();
                // The mailbox bound alone does not bound waiting writes: this loop drains the mailbox into the queue
                // while a round is in flight, so the queue refuses at once too (RESOURCE_EXHAUSTED at the edge).
                Sender.Tell(
                    new WriteFailed(FailureKind.Overloaded, $"{_queueCapacity} writes of this key are already waiting; retry with backoff."),
                    Self);
                break;
            case WriteKey command:
                // Every message of an entity names the same (tenant, key): the region routes by them.
                (_tenantId, _key) = (command.TenantId, command.Key);
                _queue.AddLast(new PendingWrite(command, Sender));
                if (_round is null)
                {
                    StartRound();
                }

                break;
            case ClaimsDone claims when _round is not null:
                OnClaims(claims);
                break;
            case CurrentRead read when _round is not null:
                OnCurrentRead(read.Reply);
                break;
            case Replicated replicated when _round is not null:
                OnReplicated(replicated.Reply);
                break;
            case RoundFinished when _round is not null:
                _round = null;
                StartRound();
                StopIfAsked();
                break;
            case StopKey:
                _stopAsked = true;
                StopIfAsked();
                break;
        }
    }

    /// <summary>Stops once asked and idle: a hand-off or passivation never drops a round in flight or a queued write.</summary>
    private void StopIfAsked()
    {
        if (_stopAsked && _round is null && _queue.Count == 0)
        {
            _services.Counters.CountStopped();
            Context.Stop(Self);
        }
    }

    protected override void PreStart() => _services.Counters.Started();

    protected override void PostStop()
    {
        _services.Counters.Ended();
        var stopped = new WriteFailed(FailureKind.Internal, "The key's actor stopped before the write was applied.");
        foreach (var pending in _round ?? [])
        {
            pending.Answer(stopped, ActorRefs.Nobody);
        }

        foreach (var pending in _queue)
        {
            pending.Answer(stopped, ActorRefs.Nobody);
        }
    }

    private void StartRound()
    {
        var now = Now();
        var round = new List<PendingWrite>();
        while (_queue.First is { } node && round.Count < _services.MaxBatch)
        {
            var next = node.Value;
            if (next.Command.DeadlineUtc <= now)
            {
                _queue.RemoveFirst();
                next.Answer(new WriteFailed(FailureKind.DeadlineExceeded, "Deadline exceeded while queued behind earlier writes of this key."), Self);
                continue;
            }

            if (round.Count > 0 && (next.Command.Consistency != round[0].Command.Consistency
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
        var needsClaims = false;
        foreach (var pending in round)
        {
            _deadline = pending.Command.DeadlineUtc < _deadline ? pending.Command.DeadlineUtc : _deadline;
            needsClaims |= pending.NeedsClaim;
        }

        if (needsClaims)
        {
            Context.PipeToSelf(ClaimAllAsync(round), static results => new ClaimsDone(results), static _ => new ClaimsDone([]));
        }
        else
        {
            WriteOrReadFirst();
        }
    }

    /// <summary>
    /// With a context (this actor stamped the key before and is still alive) the round writes conditionally from it,
    /// skipping the read; a replica holding anything the stamp does not dominate refuses, and the round stamps again
    /// from what the replicas hold. Without one it reads the current versions from a quorum first, as DESIGN.md's
    /// read-modify-write says, so writes from the same state on two coordinators end as siblings.
    /// </summary>
    private void WriteOrReadFirst()
    {
        var first = _round![0].Command;
        _replicas = _services.Ring.Current.PreferenceList(_tenantId, _key, first.ReplicationFactor);
        _required = ConsistencyLevels.Required(first.Consistency, first.ReplicationFactor);
        if (_replicas.Length < _required)
        {
            FailRound(FailureKind.NoReplicas, $"Consistency {ConsistencyLevels.Name(first.Consistency)} needs {_required} replicas but the ring has {_replicas.Length} storage nodes for this key.");
            return;
        }

        // Refused before anything is sent when the failure detector already holds too many replicas down, so this
        // UNAVAILABLE guarantees the write reached no replica (a quorum failure after sending does not).
        var down = CountDown(_replicas);
        if (_replicas.Length - down < _required)
        {
            var why = _services.Ring.Current.DownDetail(_replicas);
            FailRound(
                FailureKind.NoReplicas,
                $"Consistency {ConsistencyLevels.Name(first.Consistency)} needs {_required} replicas but {down} of {_replicas.Length} replicas are down ({why}); nothing was written.");
            return;
        }

        if (_context is { } context)
        {
            StampAndWrite([context], ifDominates: true);
            return;
        }

        var reader = Context.ActorOf(
            ReadAggregatorActor.Props(new ReadAggregation(_tenantId, _key, _replicas, _required, _deadline), _services.Replicas, _services.Repair));
        Context.PipeToSelf(
            reader.Ask<ReadReply>(new StartAggregation(), AggregatorAskTimeout()),
            static reply => new CurrentRead(reply),
            static error => new CurrentRead(new ReadFailed(FailureKind.Internal, error.Message)));
    }

    private void OnCurrentRead(ReadReply reply)
    {
        switch (reply)
        {
            case ReadFound found:
                StampAndWrite(found.Siblings, ifDominates: false);
                break;
            case ReadNotFound notFound:
                StampAndWrite(notFound.Siblings, ifDominates: false);
                break;
            case ReadFailed failed:
                FailRound(failed.Kind, "Reading the key's current version failed: " + failed.Message);
                break;
            default:
                throw new InvalidOperationException($"Unexpected read reply {reply.GetType().Name}.");
        }
    }

    /// <summary>
    /// Stamps each write of the round in turn from <paramref name="current"/> (the only place a clock is incremented)
    /// and replicates the last stamp, which dominates the others. The stamp becomes the context at once, whatever the
    /// outcome: it may have reached some replica, so the next stamp must dominate it (a clock is never reused).
    /// </summary>
    private void StampAndWrite(IReadOnlyList<VersionedValue> current, bool ifDominates)
    {
        var nowMicros = (Context.System.Scheduler.Now - DateTimeOffset.UnixEpoch).Ticks / 10;
        VersionedValue? last = null;
        foreach (var pending in _round!)
        {
            var command = pending.Command;
            last = WriteStamp.Stamp(current, _services.CoordinatorId, command.Value, command.Tombstone, nowMicros, _services.MaxClockEntries);
            pending.Clock = last.Clock;
            current = [last];
        }

        _context = new VersionedValue(ReadOnlyMemory<byte>.Empty, last!.Clock, last.TimestampMicros, last.CoordinatorId, last.Tombstone);

        // Taken now, not when the round began: a migration that started meanwhile must already get this write.
        var extras = _services.Ring.Current.ExtraReplicas(_tenantId, _key, _round[0].Command.ReplicationFactor, _replicas);
        var writer = Context.ActorOf(
            WriteAggregatorActor.Props(new WriteAggregation(_tenantId, _key, _replicas, _required, last, _deadline, extras, ifDominates), _services.Replicas, _services.PendingWrites));
        Context.PipeToSelf(
            writer.Ask<WriteQuorumReply>(new StartAggregation(), AggregatorAskTimeout()),
            static reply => new Replicated(reply),
            static error => new Replicated(new WriteQuorumFailed(FailureKind.Internal, error.Message)));
    }

    private void OnReplicated(WriteQuorumReply reply)
    {
        switch (reply)
        {
            case WriteQuorumConflict conflict:
                // The context was stale (another coordinator, a repair or a restart wrote since): stamp again from
                // what the replicas hold plus the refused stamp (it may sit on replicas that accepted it).
                var current = new List<VersionedValue>(conflict.Current) { _context! };
                StampAndWrite(current, ifDominates: false);
                return;
            case WriteQuorumFailed failed:
                FailRound(failed.Kind, failed.Message);
                return;
        }

        var acknowledged = ((WriteQuorumReached)reply).Acknowledged;
        var records = new List<Task<bool>>();
        foreach (var pending in _round!)
        {
            var command = pending.Command;
            pending.Answer(new WriteSucceeded(pending.Clock!, acknowledged, command.Consistency, command.IdempotencyKey, IsDuplicate: false), Self);
            if (pending.Claimed)
            {
                var result = new Ports.IdempotentWriteResult(pending.Clock!, acknowledged, command.Consistency);
                records.Add(StoreCall(_services.Idempotency, command.IdempotencyKey, pending.Fingerprint,
                    (store, tenant, key, fingerprint) => Completed(store.CompleteAsync(tenant, key, fingerprint, result, CancellationToken.None))));
            }
        }

        FinishAfter(records);
    }

    private void FailRound(FailureKind kind, string message)
    {
        var releases = new List<Task<bool>>();
        foreach (var pending in _round!)
        {
            pending.Answer(new WriteFailed(kind, message), Self);
            if (pending.Claimed)
            {
                releases.Add(StoreCall(_services.Idempotency, pending.Command.IdempotencyKey, pending.Fingerprint,
                    static (store, tenant, key, fingerprint) => Completed(store.ReleaseAsync(tenant, key, fingerprint, CancellationToken.None))));
            }
        }

        FinishAfter(releases);
    }

    /// <summary>The next round starts once the idempotency store has the outcome, so a retry never sees a stale claim.</summary>
    private static void FinishAfter<T>(List<Task<T>> storeWrites)
    {
        Context.PipeToSelf(
            Task.WhenAll(storeWrites).ContinueWith(static _ => true, TaskScheduler.Default),
            static _ => new RoundFinished(),
            static _ => new RoundFinished());
    }

    /// <summary>
    /// The round's remaining time plus slack, never less than the slack: a slow idempotency store can let the
    /// deadline pass before the read starts, and Ask refuses a timeout that is not positive (which crashed this actor
    /// and left its claims held). The aggregator itself answers DeadlineExceeded at once when the deadline passed.
    /// </summary>
    private TimeSpan AggregatorAskTimeout()
    {
        var remaining = _deadline - Now();
        return (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + AskSlack;
    }

    private int CountDown(StorageNode[] replicas)
    {
        var snapshot = _services.Ring.Current;
        var down = 0;
        foreach (var replica in replicas)
        {
            down += snapshot.IsDown(replica.NodeId) ? 1 : 0;
        }

        return down;
    }

    private static DateTime Now() => Context.UtcNow();
}
