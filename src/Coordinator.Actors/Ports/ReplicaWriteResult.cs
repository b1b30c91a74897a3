using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// Outcome of a write or repair on one replica; <paramref name="Error"/> says why it failed, and
/// <paramref name="Overloaded"/> whether it refused for overload. A conditional write the replica refused carries
/// <paramref name="Current"/>: the stored versions (values left empty) its clock did not dominate.
/// </summary>
public readonly record struct ReplicaWriteResult(
    string ReplicaId, bool Ok, string? Error, IReadOnlyList<VersionedValue>? Current = null, bool Overloaded = false)
{
    /// <summary>True when a conditional write was refused because the replica holds versions it does not dominate.</summary>
    public bool IsConflict => Current is not null;

    public static ReplicaWriteResult Success(string replicaId) => new(replicaId, true, null);

    public static ReplicaWriteResult Failure(string replicaId, string error, bool overloaded = false) =>
        new(replicaId, false, error, Overloaded: overloaded);

    public static ReplicaWriteResult Conflict(string replicaId, IReadOnlyList<VersionedValue> current) =>
        new(replicaId, false, "conflict: the replica holds a version this write does not dominate", current);
}
