namespace PairDb.Coordinator.Security;

/// <summary>How an attempt to store a new tenant token ended.</summary>
public enum TokenCreation
{
    Created,

    /// <summary>No tenant with the token's tenant id exists.</summary>
    UnknownTenant,

    /// <summary>The tenant already has the most active (unrevoked) tokens allowed.</summary>
    LimitReached,
}
