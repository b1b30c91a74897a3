using PairDb.Actors.Cores;
using Akka.Actor;
using PairDb.Actors.Support;
using PairDb.Actors.Ports;
using PairDb.Actors.Repair;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Quorum;

/// <summary>
/// One read: asks the replicas <see cref="ReadFanout"/> says when it says (the first R, the next at once on a failure,
/// one more each time the speculative-retry delay passes undecided; all N on a sampled full read), decides as soon as
/// R answered (or success became impossible), keeps absorbing late replies until every asked replica answered or the
/// deadline, then hands what they answered to read repair and stops. Replies a <see cref="ReadReply"/> to whoever
/// sent <see cref="StartAggregation"/>.
/// </summary>
public sealed class ReadAggregatorActor : UntypedActor, IWithTimers
{
    private readonly ReadAggregation _request;
    private readonly IReplicaClient _replicas;
    private readonly ReadRepairSettings _repair;
    private readonly ReadFanoutSettings _fanoutSettings;
    private readonly ReadFanout _fanout;
    private readonly List<ReplicaReadReply> _replies;
    private IActorRef? _replyTo;
    private State _state = State.Idle;

    /// <summary>Replicas of the preference list asked so far: the fanout's <see cref="ReadFanout.Asked"/> once sent.</summary>
    private int _sent;

    /// <summary>Set by Akka before PreStart.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private ReadAggregatorActor(ReadAggregation request, IReplicaClient replicas, ReadRepairSettings repair, ReadFanoutSettings fanout)
    {
        _request = request;
        _replicas = replicas;
        _repair = repair;
        _fanoutSettings = fanout;
        var n = request.Replicas.Length;
        _fanout = new ReadFanout(n, request.Required, ReadFanout.SampleFullRead(n, request.Required, fanout.FullReadChance, fanout.Draw), request.Rebuilding);
        _replies = new List<ReplicaReadReply>(n);
    }

    private QuorumTally Tally => _fanout.Tally;

    /// <summary>Named for what the aggregator waits on.</summary>
    private enum State
    {
        Idle,
        WaitingForQuorum,
        WaitingForStragglers,
        WaitingForRepair,
    }

    /// <summary>Props for one read; the actor stops itself when done.</summary>
    public static Props Props(ReadAggregation request, IReplicaClient replicas, ReadRepairSettings repair, ReadFanoutSettings fanout) =>
        ActorProps.Brief(() => new ReadAggregatorActor(request, replicas, repair, fanout));

    /// <summary>
    /// A crash ends the read: the asker gets the cause at once and the aggregator stops. A restarted instance would
    /// wait forever for a StartAggregation that never comes again, leaving the asker to time out at its deadline.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        Reply(new ReadFailed(FailureKind.Internal, "The read failed: " + reason.Message));
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
            case ReadArrived arrived:
                OnReply(arrived.Reply);
                break;
            case DeadlineReached:
                OnDeadline();
                break;
            case SpeculationDue when _state == State.WaitingForQuorum:
                _fanout.Speculate();
                AskNew();
                break;
            case SyncRepairDone:
                Reply(Decide(ReadResolution.Resolve(_replies, 0)));
                Context.Stop(Self);
                break;
        }
    }

    private void Start()
    {
        _replyTo = Sender;
        var now = Context.UtcNow();
        var remaining = _request.DeadlineUtc - now;
        if (remaining <= TimeSpan.Zero)
        {
            Reply(new ReadFailed(FailureKind.DeadlineExceeded, "The deadline passed before the read started."));
            Context.Stop(Self);
            return;
        }

        _state = State.WaitingForQuorum;
        Timers.StartSingleTimer("deadline", new DeadlineReached(), remaining);
        if (_fanout.FullRead)
        {
            _fanoutSettings.Counters.CountFullRead();
        }

        AskNew();
    }

    /// <summary>
    /// Asks the replicas the fanout added since the last call, each with the time left until the deadline, counts the
    /// read the first time it goes beyond its first replicas, and re-arms the speculative retry while it can ask more.
    /// </summary>
    private void AskNew()
    {
        var before = _sent;
        var remaining = _request.DeadlineUtc - Context.UtcNow();
        for (; _sent < _fanout.Asked; _sent++)
        {
            var node = _request.Replicas[_sent];
            var id = node.NodeId;
            Context.PipeToSelf(
                _replicas.ReadAsync(node, _request.TenantId, _request.Key, remaining, CancellationToken.None),
                static reply => new ReadArrived(reply),
                error => new ReadArrived(ReplicaReadReply.Failed(id, error.Message)));
        }

        if (before == _fanout.InitialAsks && _sent > before)
        {
            _fanoutSettings.Counters.CountSpeculated();
        }

        // Each ask restarts the delay: a replica asked just now gets as long as the first ones did.
        if (_sent > before && _fanout.CanSpeculate)
        {
            Timers.StartSingleTimer("speculate", new SpeculationDue(), _fanoutSettings.SpeculativeRetry);
        }
    }

    private void OnReply(ReplicaReadReply reply)
    {
        _fanout.Record(reply);
        _replies.Add(reply);
        if (_state == State.WaitingForQuorum && Tally.Decision == QuorumDecision.Pending)
        {
            AskNew();
        }
        else if (_state == State.WaitingForQuorum)
        {
            Timers.Cancel("speculate");
            if (Tally.Decision == QuorumDecision.Failed || _repair.Mode != ReadRepairMode.Sync)
            {
                Reply(Decide(ReadResolution.Resolve(_replies, 0)));
            }

            _state = State.WaitingForStragglers;
        }

        if (_fanout.Done && _state == State.WaitingForStragglers)
        {
            Finish();
        }
    }

    private void OnDeadline()
    {
        if (_state == State.WaitingForQuorum)
        {
            Reply(new ReadFailed(FailureKind.DeadlineExceeded, "Deadline exceeded: " + _fanout.Describe()));
            Context.Stop(Self);
        }
        else if (_state == State.WaitingForStragglers)
        {
            Finish();
        }
    }

    /// <summary>Every asked replica answered or the deadline passed after the decision: repair what is stale among them.</summary>
    private void Finish()
    {
        Timers.Cancel("deadline");
        var plan = _repair.Mode == ReadRepairMode.Off ? null : ReadResolution.Resolve(_replies, _repair.MaxRepairsPerRead).Repair;
        // Sync repair only while the request's deadline leaves time for it; otherwise the repair goes async.
        if (_repair.Mode == ReadRepairMode.Sync && Tally.Decision == QuorumDecision.Succeeded
            && _request.DeadlineUtc > Context.UtcNow())
        {
            _state = State.WaitingForRepair;
            Context.PipeToSelf(RepairNowAsync(plan), static _ => new SyncRepairDone(), static _ => new SyncRepairDone());
            return;
        }

        // A sync-mode read whose deadline left no time for repair still owes its reply (a no-op otherwise).
        Reply(Decide(ReadResolution.Resolve(_replies, 0)));
        if (plan is { IsEmpty: false })
        {
            _repair.Repairer.Tell(new RepairJob(_request.TenantId, _request.Key, plan.Versions, Targets(plan)));
        }

        Context.Stop(Self);
    }

    private async Task<bool> RepairNowAsync(RepairPlan? plan)
    {
        if (plan is null || plan.IsEmpty)
        {
            return true;
        }

        var remaining = _request.DeadlineUtc - Context.UtcNow();
        var targets = Targets(plan);
        var repairs = new Task<ReplicaWriteResult>[targets.Count];
        for (var i = 0; i < repairs.Length; i++)
        {
            _repair.Counters.CountTriggered();
            repairs[i] = _replicas.RepairAsync(targets[i], _request.TenantId, _request.Key, plan.Versions, remaining, CancellationToken.None);
        }

        // Counted as the repair actor counts async repairs: a call that threw failed, as one that answered an error.
        foreach (var repair in repairs)
        {
            try
            {
                _repair.Counters.CountOutcome((await repair).Ok);
            }
            catch (Exception)
            {
                _repair.Counters.CountOutcome(ok: false);
            }
        }

        return true;
    }

    private ReadReply Decide(ReadResolution resolution)
    {
        if (Tally.Decision != QuorumDecision.Succeeded)
        {
            var (kind, message) = _fanout.Failure(DeadlinePassed());
            return new ReadFailed(kind, message);
        }

        var nowMicros = (Context.UtcNow() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        return resolution.IsNotFound(nowMicros)
            ? new ReadNotFound(resolution.MergedClock, resolution.Siblings)
            : new ReadFound(resolution.Winner!, resolution.MergedClock, resolution.Siblings);
    }

    private bool DeadlinePassed() => Context.UtcNow() >= _request.DeadlineUtc;

    private List<Messages.Values.StorageNode> Targets(RepairPlan plan)
    {
        var targets = new List<Messages.Values.StorageNode>(plan.Targets.Count);
        foreach (var id in plan.Targets)
        {
            foreach (var node in _request.Replicas)
            {
                if (string.Equals(node.NodeId, id, StringComparison.Ordinal))
                {
                    targets.Add(node);
                }
            }
        }

        return targets;
    }

    private void Reply(ReadReply reply)
    {
        _replyTo?.Tell(reply, Self);
        _replyTo = null;
    }
}
