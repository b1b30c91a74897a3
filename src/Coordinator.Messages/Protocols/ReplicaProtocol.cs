using PairDb.Messages.Values;

namespace PairDb.Messages.Protocols;

/// <summary>Starts a quorum aggregator; its reply goes to the sender.</summary>
public sealed record StartAggregation;

/// <summary>Outcome of a write quorum: the number of replicas that acknowledged when it was decided.</summary>
public abstract record WriteQuorumReply
{
    private protected WriteQuorumReply()
    {
    }
}

/// <summary>W replicas acknowledged (or more, counted at the moment of deciding).</summary>
public sealed record WriteQuorumReached(int Acknowledged) : WriteQuorumReply;

/// <summary>The quorum became impossible, or the deadline passed first.</summary>
public sealed record WriteQuorumFailed(FailureKind Kind, string Message) : WriteQuorumReply;

/// <summary>
/// A conditional write was refused by enough replicas that W acknowledgements became impossible: they hold
/// <paramref name="Current"/> (values left empty), which the write's clock does not dominate. The writer stamps again
/// from these versions and writes unconditionally.
/// </summary>
public sealed record WriteQuorumConflict(IReadOnlyList<VersionedValue> Current) : WriteQuorumReply;

/// <summary>A read-repair job: give <paramref name="Versions"/> to each target replica.</summary>
public sealed record RepairJob(string TenantId, string Key, IReadOnlyList<VersionedValue> Versions, IReadOnlyList<StorageNode> Targets);
