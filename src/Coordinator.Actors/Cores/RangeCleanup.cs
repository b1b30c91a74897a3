namespace PairDb.Actors.Cores;

/// <summary>Data a node no longer owns after a membership change: purged from it once the grace period passed.</summary>
public sealed record RangeCleanup(string TenantId, ulong Start, ulong End, string Node)
{
    /// <summary>Stable identity of the task, used for its persisted checkpoint.</summary>
    public string Id => TenantId + "/" + Start + "/" + End + "/-" + Node;
}
