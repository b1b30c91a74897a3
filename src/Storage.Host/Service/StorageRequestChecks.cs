using System.Text;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using ProtoClockEntry = PairDb.Protocol.Storage.ClockEntry;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Storage.Service;

/// <summary>
/// Checks storage requests: tenant, key and value size by the shared <see cref="RequestValidator"/> rules, then what
/// only the storage wire carries (version shape, clocks, stamps, batch and scan sizes) against the node's limits.
/// Every violation throws INVALID_ARGUMENT through <see cref="StorageErrors"/>, naming the field and the limit.
/// </summary>
public sealed class StorageRequestChecks
{
    private readonly StorageNodeOptions _options;

    public StorageRequestChecks(StorageNodeOptions options) => _options = options;

    /// <summary>Tenant id and key by the shared rules (see <see cref="RequestValidator"/>).</summary>
    public static void ValidateTenantAndKey(string tenant, string key) =>
        StorageErrors.ThrowIfInvalid(RequestValidator.ValidateTenantId(tenant) ?? RequestValidator.ValidateKey(key));

    /// <summary>A wire version as a domain version, after checking value size, clock and stamp.</summary>
    public VersionedValue ToVersion(Version? version, string field)
    {
        if (version is null)
        {
            throw StorageErrors.InvalidArgument($"{field} is required.");
        }

        if (version.Tombstone && !version.Value.IsEmpty)
        {
            throw StorageErrors.InvalidArgument($"{field} is a tombstone and must not carry a value.");
        }

        if (version.ExpiresAtMicros < 0)
        {
            throw StorageErrors.InvalidArgument($"{field}.expires_at_micros must not be negative (was {version.ExpiresAtMicros}).");
        }

        if (version.Tombstone && version.ExpiresAtMicros != 0)
        {
            throw StorageErrors.InvalidArgument($"{field} is a tombstone and must not carry expires_at_micros.");
        }

        StorageErrors.ThrowIfInvalid(RequestValidator.ValidateValueSize(field + ".value", version.Value.Length, _options.MaxValueBytes));
        var clock = ToClock(version.Clock, field + ".clock");
        ValidateStamp(version.TimestampMicros, version.CoordinatorId, field);
        return new VersionedValue(version.Value.Memory, clock, version.TimestampMicros, version.CoordinatorId, version.Tombstone, version.ExpiresAtMicros);
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
            throw StorageErrors.InvalidArgument("versions must hold at least one version.");
        }

        if (versions.Count > _options.MaxSiblings)
        {
            throw StorageErrors.InvalidArgument($"versions holds {versions.Count} versions; the limit is {_options.MaxSiblings}.");
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
            throw StorageErrors.InvalidArgument($"{field} holds {count} items; the limit is {_options.MaxBatchItems} (MAX_BATCH_ITEMS).");
        }
    }

    /// <summary>A scan's batch size: 0 means the default, larger than the maximum is clamped, negative is invalid.</summary>
    public int ScanBatchSize(int requested)
    {
        if (requested < 0)
        {
            throw StorageErrors.InvalidArgument($"batch_size must not be negative (was {requested}).");
        }

        return requested == 0 ? _options.ScanBatchSize : Math.Min(requested, _options.MaxScanBatchSize);
    }

    /// <summary>
    /// The tenants of an anti-entropy call: 1..MaxRangeTenants valid tenant ids; a tenant named twice counts once.
    /// </summary>
    public IReadOnlyList<string> RangeTenants(IReadOnlyList<string> tenantIds)
    {
        if (tenantIds.Count == 0)
        {
            throw StorageErrors.InvalidArgument("tenant_ids must list at least one tenant.");
        }

        if (tenantIds.Count > _options.MaxRangeTenants)
        {
            throw StorageErrors.InvalidArgument(
                $"tenant_ids lists {tenantIds.Count} tenants; the limit is {_options.MaxRangeTenants} (MAX_RANGE_TENANTS).");
        }

        var distinct = new List<string>(tenantIds.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tenantIds.Count; i++)
        {
            var error = RequestValidator.ValidateTenantId(tenantIds[i]);
            if (error is not null)
            {
                // The shared message starts with the field it knows ("tenant_id must ..."); name the list entry instead.
                var detail = error.Message.StartsWith(error.Field, StringComparison.Ordinal) ? error.Message[error.Field.Length..] : ": " + error.Message;
                throw StorageErrors.InvalidArgument($"tenant_ids[{i}]{detail}.");
            }

            if (seen.Add(tenantIds[i]))
            {
                distinct.Add(tenantIds[i]);
            }
        }

        return distinct;
    }

    /// <summary>The arcs a DigestRange asks for: 1..MaxDigestLeaves.</summary>
    public int DigestLeaves(int leaves)
    {
        if (leaves < 1 || leaves > _options.MaxDigestLeaves)
        {
            throw StorageErrors.InvalidArgument($"leaves must be 1..{_options.MaxDigestLeaves} (MAX_DIGEST_LEAVES; was {leaves}).");
        }

        return leaves;
    }

    /// <summary>An optional tenant filter: empty means all tenants.</summary>
    public static string? OptionalTenant(string tenant)
    {
        if (tenant.Length == 0)
        {
            return null;
        }

        StorageErrors.ThrowIfInvalid(RequestValidator.ValidateTenantId(tenant));
        return tenant;
    }

    private VectorClock ToClock(IReadOnlyList<ProtoClockEntry> entries, string field)
    {
        if (entries.Count == 0)
        {
            throw StorageErrors.InvalidArgument($"{field} must hold at least one entry.");
        }

        if (entries.Count > _options.MaxClockEntries)
        {
            throw StorageErrors.InvalidArgument($"{field} holds {entries.Count} entries; the limit is {_options.MaxClockEntries}.");
        }

        var list = new Messages.Values.ClockEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.IsNullOrEmpty(entry.NodeId) || Encoding.UTF8.GetByteCount(entry.NodeId) > RequestLimits.MaxNodeIdBytes)
            {
                throw StorageErrors.InvalidArgument($"{field}[{i}].node_id must be 1..{RequestLimits.MaxNodeIdBytes} bytes.");
            }

            if (entry.Counter <= 0)
            {
                throw StorageErrors.InvalidArgument($"{field}[{i}].counter must be positive (was {entry.Counter}).");
            }

            list[i] = new Messages.Values.ClockEntry(entry.NodeId, entry.Counter);
        }

        var clock = VectorClock.From(list);
        if (clock.Count != list.Length)
        {
            throw StorageErrors.InvalidArgument($"{field} names a node more than once.");
        }

        return clock;
    }

    private static void ValidateStamp(long timestampMicros, string coordinatorId, string field)
    {
        if (timestampMicros < 0)
        {
            throw StorageErrors.InvalidArgument($"{field}.timestamp_micros must not be negative (was {timestampMicros}).");
        }

        if (Encoding.UTF8.GetByteCount(coordinatorId) > RequestLimits.MaxNodeIdBytes)
        {
            throw StorageErrors.InvalidArgument($"{field}.coordinator_id is longer than {RequestLimits.MaxNodeIdBytes} bytes.");
        }
    }
}
