using PairDb.Actors.Cores;
using PairDb.Actors.Kernel;
using PairDb.Actors.Migration;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Quorum;

/// <summary>
/// One replicated write: sends the version to all N replicas, replies <see cref="WriteQuorumReached"/> at W
/// acknowledgements or <see cref="WriteQuorumFailed"/> once N-W+1 failed or the deadline passed, then keeps
/// absorbing late acknowledgements until all N answered or the deadline, and stops. Writes to a running
/// migration's future replicas go out at the same time; they never decide the quorum, and each one that fails or
/// is still unanswered at the deadline is recorded in <see cref="PendingReplicaWrites"/>.
/// </summary>
public sealed class WriteAggregatorActor : Actor
{
    private readonly WriteAggregation _request;
    private readonly IReplicaClient _replicas;
    private readonly QuorumTally _tally;
    private readonly PendingReplicaWrites? _pendingWrites;
    private int _extrasOutstanding;
    private IActorRef? _replyTo;
    private State _state = State.Idle;

    private WriteAggregatorActor(WriteAggregation request, IReplicaClient replicas, PendingReplicaWrites? pendingWrites)
    {
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

    /// <summary>Props for one write; the actor stops itself when done.</summary>
    public static Props Props(WriteAggregation request, IReplicaClient replicas, PendingReplicaWrites? pendingWrites = null) =>
        Kernel.Props.Create(() => new WriteAggregatorActor(request, replicas, pendingWrites)) with { MaxRestarts = 0 };

    protected internal override ValueTask ReceiveAsync(object message)
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
                OnExtraResult(extra.Ok);
                break;
            case DeadlineReached:
                if (_state == State.WaitingForQuorum)
                {
                    Reply(new WriteQuorumFailed(FailureKind.DeadlineExceeded, "Deadline exceeded: " + _tally.Describe() + "."));
                }

                for (; _extrasOutstanding > 0; _extrasOutstanding--)
                {
                    _pendingWrites?.RecordFailure();
                }

                Context.Stop();
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        _replyTo = Context.Sender;
        var remaining = _request.DeadlineUtc - Context.System.TimeProvider.GetUtcNow().UtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            Reply(new WriteQuorumFailed(FailureKind.DeadlineExceeded, "The deadline passed before the write was sent."));
            Context.Stop();
            return;
        }

        _state = State.WaitingForQuorum;
        Context.Timers.StartSingleTimer("deadline", new DeadlineReached(), remaining);
        foreach (var node in _request.Replicas)
        {
            var id = node.NodeId;
            Context.PipeToSelf(
                _replicas.WriteAsync(node, _request.TenantId, _request.Key, _request.Version, remaining, CancellationToken.None),
                static result => new WriteArrived(result),
                error => new WriteArrived(ReplicaWriteResult.Failure(id, error.Message)));
        }

        foreach (var node in _request.Extras ?? [])
        {
            _extrasOutstanding++;
            Context.PipeToSelf(
                _replicas.WriteAsync(node, _request.TenantId, _request.Key, _request.Version, remaining, CancellationToken.None),
                static result => new ExtraWriteArrived(result.Ok),
                static _ => new ExtraWriteArrived(false));
        }
    }

    private void OnExtraResult(bool ok)
    {
        _extrasOutstanding--;
        if (!ok)
        {
            _pendingWrites?.RecordFailure();
        }

        StopWhenDone();
    }

    private void StopWhenDone()
    {
        if (_tally.Done && _extrasOutstanding == 0)
        {
            Context.Stop();
        }
    }

    private void OnResult(ReplicaWriteResult result)
    {
        if (result.Ok)
        {
            _tally.AddSuccess(result.ReplicaId);
        }
        else
        {
            _tally.AddFailure(result.ReplicaId, result.Error ?? "failed");
        }

        if (_state == State.WaitingForQuorum)
        {
            switch (_tally.Decision)
            {
                case QuorumDecision.Succeeded:
                    Reply(new WriteQuorumReached(_tally.Successes));
                    _state = State.WaitingForStragglers;
                    break;
                case QuorumDecision.Failed:
                    Reply(new WriteQuorumFailed(FailureKind.QuorumNotReached, "Quorum not reached: " + _tally.Describe() + "."));
                    _state = State.WaitingForStragglers;
                    break;
            }
        }

        StopWhenDone();
    }

    private void Reply(WriteQuorumReply reply)
    {
        _replyTo?.Tell(reply, Context.Self);
        _replyTo = null;
    }
}
