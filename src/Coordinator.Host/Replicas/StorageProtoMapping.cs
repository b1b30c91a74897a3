using Google.Protobuf.Collections;
using PairDb.Messages.Values;
using PairDb.Storage.Service;
using ProtoClockEntry = PairDb.Protocol.Storage.ClockEntry;
using ProtoVersion = PairDb.Protocol.Storage.Version;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// storage.Version to domain versions, for replies the coordinator reads. The other direction is the storage node's
/// own <see cref="ProtoMapping"/> (public and exact); the node's reverse mapping validates against its own limits,
/// which a coordinator must not apply to what a replica already stored.
/// </summary>
public static class StorageProtoMapping
{
    /// <summary>A wire version as a domain version (value bytes are wrapped, not copied).</summary>
    public static VersionedValue FromProto(ProtoVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new VersionedValue(version.Value.Memory, ToClock(version.Clock), version.TimestampMicros, version.CoordinatorId, version.Tombstone);
    }

    /// <summary>Every wire version as a domain version, in order.</summary>
    public static VersionedValue[] FromProto(RepeatedField<ProtoVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var result = new VersionedValue[versions.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = FromProto(versions[i]);
        }

        return result;
    }

    private static VectorClock ToClock(RepeatedField<ProtoClockEntry> entries)
    {
        if (entries.Count == 0)
        {
            return VectorClock.Empty;
        }

        var list = new ClockEntry[entries.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = new ClockEntry(entries[i].NodeId, entries[i].Counter);
        }

        return VectorClock.From(list);
    }
}
