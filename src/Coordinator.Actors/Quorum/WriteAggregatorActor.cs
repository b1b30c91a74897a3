using PairDb.Actors.Cores;
using Akka.Actor;
using PairDb.Actors.Hints;
using PairDb.Actors.Support;
using PairDb.Actors.Migration;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Quorum;

/// <summary>
/// One replicated write: sends the version to all N replicas, replies <see cref="WriteQuorumReached"/> at W
/// acknowledgements or <see cref="WriteQuorumFailed"/> once N-W+1 failed or the deadline passed, then keeps
/// absorbing late acknowledgements until all N answered or the deadline, and stops. Writes to a running
/// migration's future replicas go out at the same time; they never decide the quorum, and each one that fails or
/// is still unanswered at the deadline is recorded in <see cref="PendingReplicaWrites"/>.
/// A conditional write (<see cref="WriteAggregation.IfDominates"/>) counts a replica's refusal as a non-acknowledgement:
/// when W becomes impossible and some replica refused, the reply is <see cref="WriteQuorumConflict"/> with what the
/// refusing replicas hold, so the writer stamps again; when W is reached anyway, each refusing replica gets the
/// version unconditionally (kept beside what it holds, as a write that had read a quorum without it would be).
/// A write that reached W leaves, when it stops for whatever reason, a <see cref="StoreHint"/> with the hint actor for
/// every replica of the preference list that did not acknowledge it (failed, refused, or unanswered by the deadline).
/// Hints never count toward W, and a write that failed leaves none: a failure reported to the client is not spread
/// further.
/// </summary>
public sealed class WriteAggregatorActor : UntypedActor, IWithTimers
{
    private readonly WriteAggregation _request;
    private readonly IReplicaClient _replicas;
    private readonly QuorumTally _tally;
    private readonly PendingReplicaWrites? _pendingWrites;
    private readonly List<ReplicaWriteResult> _conflicts = [];
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private readonly IActorRef? _hints;
    private bool _reached;
    private int _extrasOutstanding;
    private int _migrationExtrasOutstanding;
    private IActorRef? _replyTo;
    private State _state = State.Idle;

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private WriteAggregatorActor(WriteAggregation request, IReplicaClient replicas, PendingReplicaWrites? pendingWrites, IActorRef? hints)
    {
        _hints = hints;
        _request = request;
        _replicas = replicas;
        _pendingWrites = pendingWrites;
        _tally = new QuorumTally(request.Replicas.Length, request.Required);
    }

    /// <summary>Named for what the aggregator waits on.</summary>
    private enum State
    {
        Idle,
        WaitingForQuorum,
        WaitingForStragglers,
    }

    /// <summary>Props for one write; the actor stops itself when done. <paramref name="hints"/> takes its hints (null: none kept).</summary>
    public static Props Props(WriteAggregation request, IReplicaClient replicas, PendingReplicaWrites? pendingWrites = null, IActorRef? hints = null) =>
        ActorProps.Brief(() => new WriteAggregatorActor(request, replicas, pendingWrites, hints));

    /// <summary>
    /// A crash ends the write: the asker gets the cause at once and the aggregator stops. A restarted instance would
    /// wait forever for a StartAggregation that never comes again, leaving the asker to time out at its deadline.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        Reply(new WriteQuorumFailed(FailureKind.Internal, "The write failed: " + reason.Message));
        Context.Stop(Self);
        base.PreRestart(reason, message);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartAggregation when _state == State.Idle:
                Start();
                break;
            case WriteArrived arrived:
                OnResult(arrived.Result);
                break;
            case ExtraWriteArrived extra:
                OnExtraResult(extra);
                break;
            case DeadlineReached:
                if (_state == State.WaitingForQuorum)
                {
                    Reply(new WriteQuorumFailed(FailureKind.DeadlineExceeded, "Deadline exceeded: " + _tally.Describe() + "."));
                }

                Context.Stop(Self);
                break;
        }
    }

    private void Start()
    {
        _replyTo = Sender;
        var remaining = _request.DeadlineUtc - Context.UtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            Reply(new WriteQuorumFailed(FailureKind.DeadlineExceeded, "The deadline passed before the write was sent."));
            Context.Stop(Self);
            return;
        }

        _state = State.WaitingForQuorum;
        Timers.StartSingleTimer("deadline", new DeadlineReached(), remaining);
        foreach (var node in _request.Replicas)
        {
            var id = node.NodeId;
            var write = _request.IfDominates
                ? _replicas.WriteIfDominatesAsync(node, _request.TenantId, _request.Key, _request.Version, remaining, CancellationToken.None)
                : _replicas.WriteAsync(node, _request.TenantId, _request.Key, _request.Version, remaining, CancellationToken.None);
            Context.PipeToSelf(write, static result => new WriteArrived(result), error => new WriteArrived(ReplicaWriteResult.Failure(id, error.Message)));
        }

        foreach (var node in _request.Extras ?? [])
        {
            WriteBeside(node, forMigration: true);
        }
    }

    /// <summary>
    /// An unconditional write that does not count toward W: to a future replica of a running migration, or to a
    /// replica that refused the conditional write of a write that reached W anyway.
    /// </summary>
    private void WriteBeside(StorageNode node, bool forMigration)
    {
        var remaining = _request.DeadlineUtc - Context.UtcNow();
        _extrasOutstanding++;
        if (forMigration)
        {
            _migrationExtrasOutstanding++;
        }

        var id = node.NodeId;
        Context.PipeToSelf(
            _replicas.WriteAsync(node, _request.TenantId, _request.Key, _request.Version, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, CancellationToken.None),
            result => new ExtraWriteArrived(id, result.Ok, forMigration),
            _ => new ExtraWriteArrived(id, false, forMigration));
    }

    private void OnExtraResult(ExtraWriteArrived result)
    {
        _extrasOutstanding--;
        if (result.ForMigration)
        {
            _migrationExtrasOutstanding--;
            if (!result.Ok)
            {
                _pendingWrites?.RecordFailure();
            }
        }
        else if (result.Ok)
        {
            _acknowledged.Add(result.NodeId);
        }

        StopWhenDone();
    }

    private void StopWhenDone()
    {
        if (_tally.Done && _extrasOutstanding == 0)
        {
            Context.Stop(Self);
        }
    }

    /// <summary>
    /// However the aggregator stops (all answered, its deadline, or its key actor stopping first: passivation or a
    /// hand-off), a write that reached W leaves a hint for each replica that had not acknowledged it, and each write to
    /// a future replica still unanswered is recorded as failed.
    /// </summary>
    protected override void PostStop()
    {
        for (; _migrationExtrasOutstanding > 0; _migrationExtrasOutstanding--)
        {
            _pendingWrites?.RecordFailure();
        }

        if (_reached && _hints is not null)
        {
            foreach (var node in _request.Replicas)
            {
                if (!_acknowledged.Contains(node.NodeId))
                {
                    _hints.Tell(new StoreHint(node.NodeId, _request.TenantId, _request.Key, _request.Version));
                }
            }
        }
    }

    private void OnResult(ReplicaWriteResult result)
    {
        if (result.Ok)
        {
            _tally.AddSuccess(result.ReplicaId);
            _acknowledged.Add(result.ReplicaId);
        }
        else if (_tally.AddFailure(result.ReplicaId, result.Error ?? "failed", result.Overloaded) && result.IsConflict)
        {
            OnConflict(result);
        }

        if (_state == State.WaitingForQuorum)
        {
            switch (_tally.Decision)
            {
                case QuorumDecision.Succeeded:
                    _reached = true;
                    Reply(new WriteQuorumReached(_tally.Successes));
                    _state = State.WaitingForStragglers;
                    foreach (var conflict in _conflicts)
                    {
                        WriteBeside(Replica(conflict.ReplicaId), forMigration: false);
                    }

                    break;
                case QuorumDecision.Failed when _conflicts.Count > 0:
                    Reply(new WriteQuorumConflict(ConflictingVersions()));
                    _state = State.WaitingForStragglers;
                    break;
                case QuorumDecision.Failed:
                    var (kind, message) = _tally.Failure(DeadlinePassed());
                    Reply(new WriteQuorumFailed(kind, message));
                    _state = State.WaitingForStragglers;
                    break;
            }
        }

        StopWhenDone();
    }

    /// <summary>Before the decision a refusal is kept for the reply; after a success the replica gets the version beside what it holds.</summary>
    private void OnConflict(ReplicaWriteResult result)
    {
        if (_state == State.WaitingForQuorum)
        {
            _conflicts.Add(result);
        }
        else if (_tally.Decision == QuorumDecision.Succeeded)
        {
            WriteBeside(Replica(result.ReplicaId), forMigration: false);
        }
    }

    private bool DeadlinePassed() => Context.UtcNow() >= _request.DeadlineUtc;

    private List<VersionedValue> ConflictingVersions()
    {
        var versions = new List<VersionedValue>();
        foreach (var conflict in _conflicts)
        {
            versions.AddRange(conflict.Current!);
        }

        return versions;
    }

    private StorageNode Replica(string nodeId)
    {
        foreach (var node in _request.Replicas)
        {
            if (string.Equals(node.NodeId, nodeId, StringComparison.Ordinal))
            {
                return node;
            }
        }

        throw new InvalidOperationException($"Replica {nodeId} is not in this write's preference list.");
    }

    private void Reply(WriteQuorumReply reply)
    {
        _replyTo?.Tell(reply, Self);
        _replyTo = null;
    }
}
