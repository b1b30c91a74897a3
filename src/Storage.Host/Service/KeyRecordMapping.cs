using PairDb.Messages.Proto;
using PairDb.Protocol.Storage;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Service;

/// <summary>A scanned <see cref="StoredKey"/> (an engine type) as a wire KeyRecord; its versions map through the shared <see cref="ProtoMapping"/>.</summary>
public static class KeyRecordMapping
{
    public static KeyRecord ToProto(StoredKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var record = new KeyRecord { TenantId = key.Tenant, Key = key.Key, RingPosition = key.RingPosition };
        for (var i = 0; i < key.Versions.Count; i++)
        {
            record.Versions.Add(ProtoMapping.ToProto(key.Versions[i]));
        }

        return record;
    }
}
