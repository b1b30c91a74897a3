using Google.Protobuf;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Service;

/// <summary>Domain values to wire messages (values are wrapped, not copied).</summary>
public static class ProtoMapping
{
    public static Version ToProto(VersionedValue version)
    {
        var proto = ToProtoWithoutValue(version);
        proto.Value = UnsafeByteOperations.UnsafeWrap(version.Value);
        return proto;
    }

    /// <summary>The version's clock, stamp and tombstone flag with an empty value (a conditional write's conflict reply).</summary>
    public static Version ToProtoWithoutValue(VersionedValue version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var proto = new Version
        {
            TimestampMicros = version.TimestampMicros,
            CoordinatorId = version.CoordinatorId,
            Tombstone = version.Tombstone,
        };
        var entries = version.Clock.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            proto.Clock.Add(new Protocol.Storage.ClockEntry { NodeId = entries[i].NodeId, Counter = entries[i].Counter });
        }

        return proto;
    }

    public static KeyRecord ToProto(StoredKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var record = new KeyRecord { TenantId = key.Tenant, Key = key.Key, RingPosition = key.RingPosition };
        for (var i = 0; i < key.Versions.Count; i++)
        {
            record.Versions.Add(ToProto(key.Versions[i]));
        }

        return record;
    }
}
