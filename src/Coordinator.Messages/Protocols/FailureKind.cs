namespace PairDb.Messages.Protocols;

/// <summary>Why a data-path request failed; the edge maps each kind to one gRPC status.</summary>
public enum FailureKind
{
    /// <summary>Too few replicas answered (UNAVAILABLE, with "n of m replicas answered").</summary>
    QuorumNotReached,

    /// <summary>The request's deadline passed before it was decided (DEADLINE_EXCEEDED).</summary>
    DeadlineExceeded,

    /// <summary>A bounded queue or mailbox was full (RESOURCE_EXHAUSTED).</summary>
    Overloaded,

    /// <summary>The idempotency key was used before for a different request (FAILED_PRECONDITION).</summary>
    IdempotencyConflict,

    /// <summary>Another request with this idempotency key is being applied right now (ABORTED: retry).</summary>
    IdempotencyInProgress,

    /// <summary>The ring has no storage node for the key (UNAVAILABLE).</summary>
    NoReplicas,

    /// <summary>A store the request needs (idempotency, metadata) did not answer (UNAVAILABLE).</summary>
    DependencyUnavailable,

    /// <summary>A store or actor failed unexpectedly (INTERNAL, details only in the log).</summary>
    Internal,

    /// <summary>
    /// A conditional write met a version written concurrently by another writer of the key (possible only while its
    /// shard moves) after some replica may have taken it (ABORTED: read and retry).
    /// </summary>
    ConditionConflict,

    /// <summary>
    /// Refused before anything was sent: the failure detector holds so many of the key's replicas down that the
    /// consistency level cannot be met (UNAVAILABLE; counted as a quorum failure, and nothing was written).
    /// </summary>
    ReplicasDown,
}
