using Google.Protobuf;
using Google.Protobuf.Collections;
using PairDb.Messages.Values;
using ClientClock = PairDb.Protocol.Coordinator.VectorClock;
using ClientClockEntry = PairDb.Protocol.Coordinator.VectorClockEntry;
using StorageClockEntry = PairDb.Protocol.Storage.ClockEntry;
using StorageVersion = PairDb.Protocol.Storage.Version;

namespace PairDb.Messages.Proto;

/// <summary>
/// Domain values to wire messages and back, for the storage node, the coordinator's replica client and its edge.
/// Values are wrapped, not copied. Reading a version checks nothing: a storage node validates what it accepts first
/// (its own limits), and a coordinator must not apply them to what a replica already stored.
/// </summary>
public static class ProtoMapping
{
    /// <summary>A domain version as a storage.Version (the value bytes are wrapped, not copied).</summary>
    public static StorageVersion ToProto(VersionedValue version)
    {
        var proto = ToProtoWithoutValue(version);
        proto.Value = UnsafeByteOperations.UnsafeWrap(version.Value);
        return proto;
    }

    /// <summary>The version's clock, stamp, tombstone flag and expiry with an empty value (a conditional write's conflict reply).</summary>
    public static StorageVersion ToProtoWithoutValue(VersionedValue version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var proto = new StorageVersion
        {
            TimestampMicros = version.TimestampMicros,
            CoordinatorId = version.CoordinatorId,
            Tombstone = version.Tombstone,
            ExpiresAtMicros = version.ExpiresAtMicros,
        };
        AddClockEntries(version.Clock, proto.Clock);
        return proto;
    }

    /// <summary>A storage.Version as a domain version (the value bytes are wrapped, not copied).</summary>
    public static VersionedValue FromProto(StorageVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new VersionedValue(version.Value.Memory, ToClock(version.Clock), version.TimestampMicros, version.CoordinatorId, version.Tombstone, version.ExpiresAtMicros);
    }

    /// <summary>Every storage.Version as a domain version, in order.</summary>
    public static VersionedValue[] FromProto(RepeatedField<StorageVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var result = new VersionedValue[versions.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = FromProto(versions[i]);
        }

        return result;
    }

    /// <summary>A vector clock as the client-facing proto.VectorClock.</summary>
    public static ClientClock ToProto(VectorClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var proto = new ClientClock();
        var entries = clock.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            proto.Entries.Add(new ClientClockEntry { CoordinatorNodeId = entries[i].NodeId, LogicalTimestamp = entries[i].Counter });
        }

        return proto;
    }

    /// <summary>Appends a vector clock's entries to a repeated storage.ClockEntry field (cluster messages carry clocks so too).</summary>
    internal static void AddClockEntries(VectorClock clock, RepeatedField<StorageClockEntry> target)
    {
        var entries = clock.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            target.Add(new StorageClockEntry { NodeId = entries[i].NodeId, Counter = entries[i].Counter });
        }
    }

    /// <summary>Repeated storage.ClockEntry as a vector clock (duplicate ids keep their largest counter).</summary>
    internal static VectorClock ToClock(RepeatedField<StorageClockEntry> entries)
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
