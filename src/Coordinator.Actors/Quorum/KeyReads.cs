using Akka.Actor;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Repair;
using PairDb.Actors.Ring;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Quorum;

/// <summary>
/// The actor layer's one entry point for reads: the key's preference list from the current ring (replicas being
/// rebuilt are asked but not counted, <see cref="ReadQuorumPlan"/>), then a read aggregator on this coordinator (a read
/// changes nothing, so it needs no trip to the key's single writer).
/// </summary>
public sealed class KeyReads(IActorRefFactory actors, RingView ring, IReplicaClient replicas, ReadRepairSettings repair, ReadFanoutSettings fanout)
{
    /// <summary>Extra time the ask waits past the read's deadline, for the aggregator's own DeadlineExceeded answer.</summary>
    private static readonly TimeSpan AskSlack = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reads <paramref name="read"/>; a value, never an exception for a domain failure. Throws Akka's
    /// AskTimeoutException if the aggregator never answered, OperationCanceledException if the caller gave up.
    /// </summary>
    public Task<ReadReply> ReadAsync(ReadKey read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var snapshot = ring.Current;
        var preference = snapshot.PreferenceList(read.TenantId, read.Key, read.ReplicationFactor);
        var required = ConsistencyLevels.Required(read.Consistency, read.ReplicationFactor);
        if (preference.Length < required)
        {
            return Task.FromResult<ReadReply>(new ReadFailed(
                FailureKind.NoReplicas,
                $"Consistency {ConsistencyLevels.Name(read.Consistency)} needs {required} replicas but the ring has {preference.Length} storage nodes."));
        }

        var plan = ReadQuorumPlan.Create(preference, read.Consistency, read.ReplicationFactor, snapshot.IsRebuilding);
        if (plan.Refusal is { } refusal)
        {
            return Task.FromResult<ReadReply>(new ReadFailed(FailureKind.QuorumNotReached, refusal));
        }

        var reader = actors.ActorOf(ReadAggregatorActor.Props(
            new ReadAggregation(read.TenantId, read.Key, plan.Replicas, plan.Required, read.DeadlineUtc, plan.Rebuilding), replicas, repair, fanout));
        var remaining = read.DeadlineUtc - DateTime.UtcNow;
        return reader.Ask<ReadReply>(new StartAggregation(), (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + AskSlack, cancellationToken);
    }
}
