using PairDb.Messages.Values;
using ProtoClock = PairDb.Protocol.Coordinator.VectorClock;
using ProtoClockEntry = PairDb.Protocol.Coordinator.VectorClockEntry;

namespace PairDb.Coordinator.Edge;

/// <summary>Domain values to client-facing protobuf messages.</summary>
public static class ProtoConversions
{
    public static ProtoClock ToProto(VectorClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var proto = new ProtoClock();
        foreach (var entry in clock.Entries)
        {
            proto.Entries.Add(new ProtoClockEntry { CoordinatorNodeId = entry.NodeId, LogicalTimestamp = entry.Counter });
        }

        return proto;
    }

    public static VectorClock FromProto(ProtoClock? proto)
    {
        if (proto is null || proto.Entries.Count == 0)
        {
            return VectorClock.Empty;
        }

        var entries = new ClockEntry[proto.Entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new ClockEntry(proto.Entries[i].CoordinatorNodeId, proto.Entries[i].LogicalTimestamp);
        }

        return VectorClock.From(entries);
    }

    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
