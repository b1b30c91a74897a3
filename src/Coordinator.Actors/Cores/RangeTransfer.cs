namespace PairDb.Actors.Cores;

/// <summary>
/// Data one node must receive during a membership change: every key of <paramref name="TenantId"/> in the ring
/// range (Start, End], copied from all of <paramref name="Sources"/> (the range's current replicas, so a write
/// acknowledged by any quorum of them is found) to <paramref name="Target"/>.
/// </summary>
public sealed record RangeTransfer(string TenantId, ulong Start, ulong End, string Target, IReadOnlyList<string> Sources)
{
    /// <summary>Stable identity of the task, used for its persisted checkpoint.</summary>
    public string Id => TenantId + "/" + Start + "/" + End + "/" + Target;
}
