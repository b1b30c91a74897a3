namespace PairDb.Storage.Engine;

/// <summary>What happened to a write, repair or delete.</summary>
public enum WriteStatus
{
    /// <summary>The key's sibling set changed and the change is committed.</summary>
    Applied,

    /// <summary>Every incoming version was dominated by (or identical to) a stored one; nothing changed.</summary>
    Dropped,

    /// <summary>Applying it would leave more siblings than the configured bound; nothing changed.</summary>
    SiblingLimitExceeded,

    /// <summary>The write queue is full (by count or bytes); nothing was queued. Retry later.</summary>
    Overloaded,

    /// <summary>
    /// A conditional (if-dominates) write found a stored version whose clock its own does not strictly dominate
    /// (older, identical on another version, or concurrent); nothing changed, and the outcome carries the stored versions.
    /// </summary>
    Conflict,
}
