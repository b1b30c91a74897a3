using System.Text;
using Grpc.Core;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;
using PairDb.Storage.Hosting;
using ProtoClockEntry = PairDb.Protocol.Storage.ClockEntry;

namespace PairDb.Storage.Service;

/// <summary>
/// Checks requests against the node's limits and turns wire versions into domain versions; every violation is
/// an INVALID_ARGUMENT naming the field and the limit.
/// </summary>
public sealed class RequestValidator
{
    public const int MaxTenantBytes = 256;
    public const int MaxKeyBytes = 1024;
    public const int MaxNodeIdBytes = 256;

    private readonly StorageNodeOptions _options;

    public RequestValidator(StorageNodeOptions options) => _options = options;

    /// <summary>Tenant id: 1..256 UTF-8 bytes, no ':' (it separates tenant from key in the ring hash), no control characters.</summary>
    public static void ValidateTenant(string tenant)
    {
        if (string.IsNullOrEmpty(tenant))
        {
            throw Invalid("tenant_id is required.");
        }

        var bytes = Encoding.UTF8.GetByteCount(tenant);
        if (bytes > MaxTenantBytes)
        {
            throw Invalid($"tenant_id is {bytes} bytes; the limit is {MaxTenantBytes}.");
        }

        foreach (var c in tenant)
        {
            if (c == ':')
            {
                throw Invalid("tenant_id must not contain ':'.");
            }

            if (char.IsControl(c))
            {
                throw Invalid("tenant_id must not contain control characters.");
            }
        }
    }

    /// <summary>Key: 1..1024 UTF-8 bytes.</summary>
    public static void ValidateKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw Invalid("key is required.");
        }

        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes)
        {
            throw Invalid($"key is {bytes} bytes; the limit is {MaxKeyBytes}.");
        }
    }

    /// <summary>A wire version as a domain version, after checking value size, clock and stamp.</summary>
    public VersionedValue ToVersion(Version? version, string field)
    {
        if (version is null)
        {
            throw Invalid($"{field} is required.");
        }

        if (version.Tombstone && !version.Value.IsEmpty)
        {
            throw Invalid($"{field} is a tombstone and must not carry a value.");
        }

        if (version.Value.Length > _options.MaxValueBytes)
        {
            throw Invalid($"{field}.value is {version.Value.Length} bytes; the limit is {_options.MaxValueBytes}.");
        }

        var clock = ToClock(version.Clock, field + ".clock");
        ValidateStamp(version.TimestampMicros, version.CoordinatorId, field);
        return new VersionedValue(version.Value.Memory, clock, version.TimestampMicros, version.CoordinatorId, version.Tombstone);
    }

    /// <summary>The tombstone version a delete writes.</summary>
    public VersionedValue ToTombstone(DeleteRequest request)
    {
        var clock = ToClock(request.Clock, "clock");
        ValidateStamp(request.TimestampMicros, request.CoordinatorId, "delete");
        return new VersionedValue(ReadOnlyMemory<byte>.Empty, clock, request.TimestampMicros, request.CoordinatorId, tombstone: true);
    }

    /// <summary>The versions of a repair: 1..MaxSiblings of them.</summary>
    public VersionedValue[] ToVersions(IReadOnlyList<Version> versions)
    {
        if (versions.Count == 0)
        {
            throw Invalid("versions must hold at least one version.");
        }

        if (versions.Count > _options.MaxSiblings)
        {
            throw Invalid($"versions holds {versions.Count} versions; the limit is {_options.MaxSiblings}.");
        }

        var result = new VersionedValue[versions.Count];
        for (var i = 0; i < versions.Count; i++)
        {
            result[i] = ToVersion(versions[i], $"versions[{i}]");
        }

        return result;
    }

    /// <summary>A WriteBatch or ReadBatch holds at most MaxBatchItems items (none is fine: it answers no results).</summary>
    public void ValidateBatchCount(int count, string field)
    {
        if (count > _options.MaxBatchItems)
        {
            throw Invalid($"{field} holds {count} items; the limit is {_options.MaxBatchItems} (MAX_BATCH_ITEMS).");
        }
    }

    /// <summary>A scan's batch size: 0 means the default, larger than the maximum is clamped, negative is invalid.</summary>
    public int ScanBatchSize(int requested)
    {
        if (requested < 0)
        {
            throw Invalid($"batch_size must not be negative (was {requested}).");
        }

        return requested == 0 ? _options.ScanBatchSize : Math.Min(requested, _options.MaxScanBatchSize);
    }

    /// <summary>An optional tenant filter: empty means all tenants.</summary>
    public static string? OptionalTenant(string tenant)
    {
        if (tenant.Length == 0)
        {
            return null;
        }

        ValidateTenant(tenant);
        return tenant;
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    private VectorClock ToClock(IReadOnlyList<ProtoClockEntry> entries, string field)
    {
        if (entries.Count == 0)
        {
            throw Invalid($"{field} must hold at least one entry.");
        }

        if (entries.Count > _options.MaxClockEntries)
        {
            throw Invalid($"{field} holds {entries.Count} entries; the limit is {_options.MaxClockEntries}.");
        }

        var list = new Messages.Values.ClockEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.IsNullOrEmpty(entry.NodeId) || Encoding.UTF8.GetByteCount(entry.NodeId) > MaxNodeIdBytes)
            {
                throw Invalid($"{field}[{i}].node_id must be 1..{MaxNodeIdBytes} bytes.");
            }

            if (entry.Counter <= 0)
            {
                throw Invalid($"{field}[{i}].counter must be positive (was {entry.Counter}).");
            }

            list[i] = new Messages.Values.ClockEntry(entry.NodeId, entry.Counter);
        }

        var clock = VectorClock.From(list);
        if (clock.Count != list.Length)
        {
            throw Invalid($"{field} names a node more than once.");
        }

        return clock;
    }

    private static void ValidateStamp(long timestampMicros, string coordinatorId, string field)
    {
        if (timestampMicros < 0)
        {
            throw Invalid($"{field}.timestamp_micros must not be negative (was {timestampMicros}).");
        }

        if (Encoding.UTF8.GetByteCount(coordinatorId) > MaxNodeIdBytes)
        {
            throw Invalid($"{field}.coordinator_id is longer than {MaxNodeIdBytes} bytes.");
        }
    }
}
