namespace PairDb.Messages.Values;

/// <summary>Lifecycle state of a storage node in the ring (membership changes move nodes through these).</summary>
public enum StorageNodeStatus
{
    /// <summary>Serving its ranges.</summary>
    Active,

    /// <summary>Receiving the data of ranges it will own; not yet counted in quorums.</summary>
    Joining,

    /// <summary>Handing its ranges over before removal.</summary>
    Leaving,
}
