using PairDb.Actors.Ports;
using PairDb.Messages.Ring;

namespace PairDb.Actors.Cores;

/// <summary>One range anti-entropy syncs: its arc, its replicas, and the tenants whose keys it compares there.</summary>
public sealed record RepairWorkItem(RepairRangeKey Key, IReadOnlyList<string> Replicas, IReadOnlyList<string> TenantIds)
{
    public RingRange Range => new(Key.Start, Key.End);
}
