namespace PairDb.Actors.Tests.Domain.Support;

/// <summary>Which <see cref="PairDb.Actors.Ports.IReplicaClient"/> method a call went to.</summary>
public enum ReplicaCallKind
{
    Read,
    Write,
    ConditionalWrite,
    Repair,
    Health,
}
