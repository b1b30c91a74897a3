using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>
/// One call to the fake replica client whose answer the test gives explicitly: late, failed, faulted or never.
/// Answers complete the call's task on a thread-pool thread and wait for that, so its continuations run inline
/// (xUnit's synchronization context would make an actor's awaits queue instead): Akka's PipeTo tells the outcome to the
/// actor from such a continuation, so when an answer method returns the outcome is already in the actor's mailbox, and
/// a timer the TestScheduler fires afterwards is queued after it (mailboxes are FIFO). Handlers still run on the actor.
/// </summary>
public sealed class ReplicaCall
{
    private readonly TaskCompletionSource<ReplicaReadReply> _read = new();
    private readonly TaskCompletionSource<ReplicaWriteResult> _write = new();
    private readonly TaskCompletionSource<ReplicaHealth> _health = new();

    public ReplicaCall(ReplicaCallKind kind, StorageNode node, string tenantId, string key, IReadOnlyList<VersionedValue> versions, TimeSpan timeout)
    {
        Kind = kind;
        Node = node;
        TenantId = tenantId;
        Key = key;
        Versions = versions;
        Timeout = timeout;
    }

    public ReplicaCallKind Kind { get; }

    public StorageNode Node { get; }

    public string NodeId => Node.NodeId;

    public string TenantId { get; }

    public string Key { get; }

    /// <summary>The version written (one element) or the versions of a repair; empty for reads and probes.</summary>
    public IReadOnlyList<VersionedValue> Versions { get; }

    /// <summary>The timeout the caller gave the replica call.</summary>
    public TimeSpan Timeout { get; }

    public Task<ReplicaReadReply> ReadTask => _read.Task;

    public Task<ReplicaWriteResult> WriteTask => _write.Task;

    public Task<ReplicaHealth> HealthTask => _health.Task;

    /// <summary>Answers a read with the replica's versions (an empty list answers not found).</summary>
    public void AnswerFound(params VersionedValue[] versions) =>
        Settle(_read, versions.Length == 0 ? ReplicaReadReply.NotFound(NodeId) : ReplicaReadReply.Found(NodeId, versions));

    public void AnswerNotFound() => Settle(_read, ReplicaReadReply.NotFound(NodeId));

    /// <summary>A write or repair acknowledgement.</summary>
    public void Acknowledge() => Settle(_write, ReplicaWriteResult.Success(NodeId));

    /// <summary>A conditional write refused: the replica holds <paramref name="current"/>.</summary>
    public void AnswerConflict(params VersionedValue[] current) => Settle(_write, ReplicaWriteResult.Conflict(NodeId, current));

    /// <summary>A failure value, as the real client reports an unreachable or erroring replica.</summary>
    public void Fail(string error = "unavailable") => Fail(error, overloaded: false);

    /// <summary>A refusal for overload (RESOURCE_EXHAUSTED from a full queue), as the real client reports it.</summary>
    public void Overload() => Fail("RESOURCE_EXHAUSTED: queue full", overloaded: true);

    private void Fail(string error, bool overloaded)
    {
        switch (Kind)
        {
            case ReplicaCallKind.Read:
                Settle(_read, ReplicaReadReply.Failed(NodeId, error, overloaded));
                break;
            case ReplicaCallKind.Health:
                Settle(_health, new ReplicaHealth(NodeId, Reachable: false, Healthy: false, 0, 0, error));
                break;
            default:
                Settle(_write, ReplicaWriteResult.Failure(NodeId, error, overloaded));
                break;
        }
    }

    /// <summary>A faulted task, which the contract forbids but the actors must still count as a failure.</summary>
    public void Fault(Exception error) => OnThreadPool(() =>
    {
        _read.SetException(error);
        _write.SetException(error);
        _health.SetException(error);
    });

    /// <summary>A health answer; <paramref name="incarnation"/> is the database incarnation reported (empty: none, an older node).</summary>
    public void AnswerHealth(bool healthy, string incarnation = "") =>
        Settle(_health, new ReplicaHealth(NodeId, Reachable: true, healthy, 0, 0, healthy ? "ok" : "unhealthy", incarnation));

    public void AnswerRead(ReplicaReadReply reply) => Settle(_read, reply);

    public void AnswerWrite(ReplicaWriteResult result) => Settle(_write, result);

    private static void Settle<T>(TaskCompletionSource<T> source, T result) => OnThreadPool(() => source.SetResult(result));

    /// <summary>Runs where inline continuations are allowed (no synchronization context) and waits, bounded.</summary>
    private static void OnThreadPool(Action complete)
    {
        if (!Task.Run(complete).Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("Answering a replica call did not finish within the test bound.");
        }
    }
}
