using PairDb.Messages.Values;

namespace PairDb.Messages.Protocols;

/// <summary>Reply to <see cref="WriteKey"/>: a value, never an exception.</summary>
public abstract record WriteReply
{
    private protected WriteReply()
    {
    }
}

/// <summary>
/// The write reached its quorum; <paramref name="Clock"/> is the new version's clock, <paramref name="Owner"/> the client
/// endpoint of the coordinator whose key actor applied it (empty when unknown).
/// </summary>
public sealed record WriteSucceeded(VectorClock Clock, int ReplicaCount, Consistency Consistency, string IdempotencyKey, bool IsDuplicate, string Owner = "") : WriteReply;

/// <summary>The write failed; the message says why with the numbers.</summary>
public sealed record WriteFailed(FailureKind Kind, string Message) : WriteReply;

/// <summary>
/// The write's condition (if_clock or if_absent) did not hold, so nothing was written: <paramref name="Current"/> is the
/// merged clock of the key's current versions (empty when it has none), <paramref name="Exists"/> whether the key reads
/// as found (its last-write-wins winner is live).
/// </summary>
public sealed record WriteConditionFailed(VectorClock Current, bool Exists, string Message) : WriteReply;

/// <summary>Reply to <see cref="ReadKey"/>.</summary>
public abstract record ReadReply
{
    private protected ReadReply()
    {
    }
}

/// <summary>
/// The key's last-write-wins winner with the merge of every sibling's clock (so a write based on it dominates
/// them all), and the whole sibling set (the winner included).
/// </summary>
public sealed record ReadFound(VersionedValue Winner, VectorClock MergedClock, IReadOnlyList<VersionedValue> Siblings) : ReadReply;

/// <summary>
/// No replica that answered holds the key, or its winner is a tombstone; <paramref name="Siblings"/> holds the
/// tombstones (and any concurrent versions) a following write must dominate.
/// </summary>
public sealed record ReadNotFound(VectorClock MergedClock, IReadOnlyList<VersionedValue> Siblings) : ReadReply;

/// <summary>The read failed; the message says why with the numbers.</summary>
public sealed record ReadFailed(FailureKind Kind, string Message) : ReadReply;
