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

    /// <summary>
    /// Out of the ring for good (removed, or a join that failed). Kept so a restart with a static node list does
    /// not bring it back; adding it again is an explicit AddStorageNode.
    /// </summary>
    Removed,
}
