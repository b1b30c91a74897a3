using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>What an optimistic replication factor change found.</summary>
public abstract record ReplicationFactorUpdate
{
    private ReplicationFactorUpdate()
    {
    }

    /// <summary>The change is stored: <paramref name="New"/> has the new factor, the caller's time and the next version.</summary>
    public sealed record Updated(Tenant Old, Tenant New) : ReplicationFactorUpdate;

    /// <summary>No tenant has that id.</summary>
    public sealed record NotFound : ReplicationFactorUpdate;

    /// <summary>The tenant changed since the caller read it (its version is not the expected one); nothing was written.</summary>
    public sealed record VersionConflict(Tenant Current) : ReplicationFactorUpdate;
}
