using Akka.Actor;
using PairDb.Actors.Support;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Repair;

/// <summary>
/// Fire-and-forget read repair: takes <see cref="RepairJob"/>s, runs at most <c>maxConcurrent</c> replica
/// repairs at once, holds at most <c>queueCapacity</c> waiting ones (more are dropped and counted), and
/// counts every outcome. Each job is queued or dropped at once, so its mailbox drains as fast as reads fill it.
/// </summary>
public sealed class ReadRepairActor : UntypedActor
{
    private readonly IReplicaClient _replicas;
    private readonly RepairCounters _counters;
    private readonly int _maxConcurrent;
    private readonly int _queueCapacity;
    private readonly TimeSpan _timeout;
    private readonly Queue<(RepairJob Job, StorageNode Target)> _waiting = new();
    private int _inFlight;

    private ReadRepairActor(IReplicaClient replicas, RepairCounters counters, int maxConcurrent, int queueCapacity, TimeSpan timeout)
    {
        _replicas = replicas;
        _counters = counters;
        _maxConcurrent = maxConcurrent;
        _queueCapacity = queueCapacity;
        _timeout = timeout;
    }

    public static Props Props(IReplicaClient replicas, RepairCounters counters, int maxConcurrent, int queueCapacity, TimeSpan timeout) =>
        ActorProps.Of(() => new ReadRepairActor(replicas, counters, maxConcurrent, queueCapacity, timeout));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case RepairJob job:
                foreach (var target in job.Targets)
                {
                    if (_waiting.Count >= _queueCapacity)
                    {
                        _counters.CountDropped();
                        continue;
                    }

                    _waiting.Enqueue((job, target));
                }

                break;
            case ReplicaWriteResult result:
                _inFlight--;
                _counters.CountOutcome(result.Ok);

                break;
        }

        StartWaiting();
    }

    private void StartWaiting()
    {
        while (_inFlight < _maxConcurrent && _waiting.TryDequeue(out var next))
        {
            _inFlight++;
            _counters.CountTriggered();
            var id = next.Target.NodeId;
            Context.PipeToSelf(
                _replicas.RepairAsync(next.Target, next.Job.TenantId, next.Job.Key, next.Job.Versions, _timeout, CancellationToken.None),
                static result => result,
                error => ReplicaWriteResult.Failure(id, error.Message));
        }
    }
}
