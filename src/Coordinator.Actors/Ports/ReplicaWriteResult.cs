namespace PairDb.Actors.Ports;

/// <summary>Outcome of a write or repair on one replica; <paramref name="Error"/> says why it failed.</summary>
public readonly record struct ReplicaWriteResult(string ReplicaId, bool Ok, string? Error)
{
    public static ReplicaWriteResult Success(string replicaId) => new(replicaId, true, null);

    public static ReplicaWriteResult Failure(string replicaId, string error) => new(replicaId, false, error);
}
