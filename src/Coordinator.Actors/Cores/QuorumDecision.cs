namespace PairDb.Actors.Cores;

/// <summary>Where a quorum request stands: still waiting, or decided one way for good.</summary>
public enum QuorumDecision
{
    /// <summary>Neither enough successes yet nor too many failures.</summary>
    Pending,

    /// <summary>At least the required number of replicas succeeded.</summary>
    Succeeded,

    /// <summary>So many replicas failed that the required number can no longer succeed.</summary>
    Failed,
}
