using System.Text;
using PairDb.Messages.Values;
using static PairDb.Messages.Validation.RequestLimits;

namespace PairDb.Messages.Validation;

/// <summary>
/// Checks client input against the documented limits before any work is done. Never throws: each check returns
/// null when valid or a <see cref="ValidationError"/> naming the wire field and the limit with the actual value.
/// </summary>
public sealed class RequestValidator
{
    // Echoed input is cut to this many characters so a hostile value cannot bloat the error message.
    private const int MaxEchoChars = 32;

    /// <summary>
    /// Uses <paramref name="maxValueBytes"/> as the value size limit (configurable; default 1 MiB) and
    /// <paramref name="defaultConsistency"/> for a request that names no consistency (configurable; default quorum), and
    /// <paramref name="maxTtl"/> as the longest time to live of a write (configurable; default <see cref="DefaultMaxTtl"/>).
    /// </summary>
    public RequestValidator(int maxValueBytes = DefaultMaxValueBytes, Consistency defaultConsistency = Consistency.Quorum, TimeSpan? maxTtl = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValueBytes);
        MaxValueBytes = maxValueBytes;
        DefaultConsistency = defaultConsistency;
        MaxTtlMillis = (long)(maxTtl ?? DefaultMaxTtl).TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTtlMillis, nameof(maxTtl));
    }

    public int MaxValueBytes { get; }

    /// <summary>The longest time to live a write may carry, in milliseconds.</summary>
    public long MaxTtlMillis { get; }

    /// <summary>The consistency of a request whose consistency field is empty.</summary>
    public Consistency DefaultConsistency { get; }

    /// <summary>
    /// Tenant id: 1..256 UTF-8 bytes, no ':' (it separates tenant from key when hashing), no control characters and no
    /// invisible format characters (Unicode category Cf: bidirectional overrides, zero-width spaces and joiners, BOM;
    /// and the line and paragraph separators), which would make logs and CLI tables show another tenant than the real one.
    /// </summary>
    public static ValidationError? ValidateTenantId(string? tenantId)
    {
        var bytes = tenantId is null ? 0 : Encoding.UTF8.GetByteCount(tenantId);
        if (tenantId is null || bytes < 1 || bytes > MaxTenantIdBytes)
        {
            return new ValidationError("tenant_id", $"tenant_id must be 1..{MaxTenantIdBytes} bytes (got {bytes})");
        }

        var index = 0;
        foreach (var rune in tenantId.EnumerateRunes())
        {
            if (rune.Value == ':')
            {
                return new ValidationError("tenant_id", $"tenant_id must not contain ':' (found at index {index})");
            }

            if (Rune.IsControl(rune))
            {
                return new ValidationError("tenant_id", $"tenant_id must not contain control characters (found U+{rune.Value:X4} at index {index})");
            }

            if (IsInvisibleFormat(rune))
            {
                return new ValidationError(
                    "tenant_id", $"tenant_id must not contain invisible format characters such as bidirectional overrides (found U+{rune.Value:X4} at index {index})");
            }

            index += rune.Utf16SequenceLength;
        }

        return null;
    }

    /// <summary>Key: 1..1024 UTF-8 bytes; any characters.</summary>
    public static ValidationError? ValidateKey(string? key)
    {
        var bytes = key is null ? 0 : Encoding.UTF8.GetByteCount(key);
        return bytes is < 1 or > MaxKeyBytes
            ? new ValidationError("key", $"key must be 1..{MaxKeyBytes} bytes (got {bytes})")
            : null;
    }

    /// <summary>Value: at most <see cref="MaxValueBytes"/> bytes; empty is a valid value.</summary>
    public ValidationError? ValidateValueSize(int valueBytes) => ValidateValueSize("value", valueBytes, MaxValueBytes);

    /// <summary>
    /// The value in <paramref name="field"/> holds at most <paramref name="maxValueBytes"/> bytes; a storage node names
    /// which of several versions is at fault (versions[2].value).
    /// </summary>
    public static ValidationError? ValidateValueSize(string field, int valueBytes, int maxValueBytes) =>
        valueBytes > maxValueBytes
            ? new ValidationError(field, $"{field} must be at most {maxValueBytes} bytes (got {valueBytes})")
            : null;

    /// <summary>Replication factor: 1..10.</summary>
    public static ValidationError? ValidateReplicationFactor(int replicationFactor) =>
        replicationFactor is < 1 or > MaxReplicationFactor
            ? new ValidationError("replication_factor", $"replication_factor must be 1..{MaxReplicationFactor} (got {replicationFactor})")
            : null;

    /// <summary>Consistency: one, quorum or all in any case; empty or absent means quorum.</summary>
    public static ValidationError? ValidateConsistency(string? consistency, out Consistency parsed) =>
        ConsistencyLevels.TryParse(consistency, out parsed)
            ? null
            : new ValidationError("consistency", $"consistency must be one, quorum or all (got \"{Echo(consistency!)}\")");

    /// <summary>Idempotency key: at most 256 UTF-8 bytes; empty or absent means the server generates one.</summary>
    public static ValidationError? ValidateIdempotencyKey(string? idempotencyKey)
    {
        var bytes = idempotencyKey is null ? 0 : Encoding.UTF8.GetByteCount(idempotencyKey);
        return bytes > MaxIdempotencyKeyBytes
            ? new ValidationError("idempotency_key", $"idempotency_key must be at most {MaxIdempotencyKeyBytes} bytes (got {bytes})")
            : null;
    }

    /// <summary>A write: tenant, key, value size, consistency (empty: the default) and idempotency key, reporting the first invalid field.</summary>
    public ValidationError? ValidateWrite(string? tenantId, string? key, int valueBytes, string? consistency, string? idempotencyKey, out Consistency parsed)
    {
        parsed = DefaultConsistency;
        return ValidateTenantId(tenantId)
            ?? ValidateKey(key)
            ?? ValidateValueSize(valueBytes)
            ?? ValidateConsistencyOrDefault(consistency, out parsed)
            ?? ValidateIdempotencyKey(idempotencyKey);
    }

    /// <summary>A write's time to live: 0 (never expires) to <see cref="MaxTtlMillis"/> milliseconds.</summary>
    public ValidationError? ValidateTtl(long ttlMillis) =>
        ttlMillis < 0 || ttlMillis > MaxTtlMillis
            ? new ValidationError("ttl_ms", $"ttl_ms must be 0..{MaxTtlMillis} milliseconds, 0 for never (got {ttlMillis})")
            : null;

    /// <summary>A read: tenant, key and consistency (empty: the default), reporting the first invalid field.</summary>
    public ValidationError? ValidateRead(string? tenantId, string? key, string? consistency, out Consistency parsed)
    {
        parsed = DefaultConsistency;
        return ValidateTenantId(tenantId)
            ?? ValidateKey(key)
            ?? ValidateConsistencyOrDefault(consistency, out parsed);
    }

    /// <summary>Creating a tenant or changing its replication factor.</summary>
    public static ValidationError? ValidateTenant(string? tenantId, int replicationFactor) =>
        ValidateTenantId(tenantId) ?? ValidateReplicationFactor(replicationFactor);

    private ValidationError? ValidateConsistencyOrDefault(string? consistency, out Consistency parsed)
    {
        if (string.IsNullOrEmpty(consistency))
        {
            parsed = DefaultConsistency;
            return null;
        }

        return ValidateConsistency(consistency, out parsed);
    }

    /// <summary>Unicode category Cf (in and beyond the BMP: U+202E, U+200B, U+FEFF, the tag characters U+E0001...), or a line or paragraph separator.</summary>
    private static bool IsInvisibleFormat(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator;

    private static string Echo(string text) => text.Length <= MaxEchoChars ? text : string.Concat(text.AsSpan(0, MaxEchoChars), "...");
}
