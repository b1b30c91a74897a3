namespace PairDb.Actors.Quorum;

/// <summary>When stale replicas found by a read are repaired.</summary>
public enum ReadRepairMode
{
    /// <summary>After the reply, by the repair actor (bounded queue); the default.</summary>
    Async,

    /// <summary>Before the reply: the read waits for every replica it asked (or the deadline) and the repairs.</summary>
    Sync,

    /// <summary>Never (diagnostics only).</summary>
    Off,
}
