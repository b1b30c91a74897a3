namespace PairDb.Messages.Values;

/// <summary>What a data migration changes.</summary>
public enum MigrationType
{
    /// <summary>A storage node joins the ring.</summary>
    AddNode,

    /// <summary>A storage node leaves the ring after handing its ranges over.</summary>
    RemoveNode,

    /// <summary>A tenant's replication factor changes.</summary>
    ReplicationFactor,
}
