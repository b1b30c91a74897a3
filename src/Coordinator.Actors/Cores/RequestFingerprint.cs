using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// What makes two writes "the same request" for idempotency: tenant, key, delete-or-write, the value bytes, and the
/// causal context, condition and time to live when any is set (the consistency level is how to apply it, not what, so
/// it is left out). Hex SHA-256, length-prefixed parts; a write with none of the later fields hashes as it did before
/// they existed, so records stored by earlier builds still match.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(WriteKey command)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendPart(hash, Encoding.UTF8.GetBytes(command.TenantId));
        AppendPart(hash, Encoding.UTF8.GetBytes(command.Key));
        AppendPart(hash, [command.Tombstone ? (byte)1 : (byte)0]);
        AppendPart(hash, command.Value.Span);
        if (command.Context is not null || command.IfClock is not null || command.IfAbsent || command.TtlMillis != 0)
        {
            AppendClock(hash, command.Context);
            AppendClock(hash, command.IfClock);
            AppendPart(hash, [command.IfAbsent ? (byte)1 : (byte)0]);
            AppendNumber(hash, command.TtlMillis);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Absent (-1 entries) differs from empty (0 entries); entries come sorted by node id.</summary>
    private static void AppendClock(IncrementalHash hash, VectorClock? clock)
    {
        AppendNumber(hash, clock?.Count ?? -1);
        foreach (var entry in clock?.Entries ?? [])
        {
            AppendPart(hash, Encoding.UTF8.GetBytes(entry.NodeId));
            AppendNumber(hash, entry.Counter);
        }
    }

    private static void AppendNumber(IncrementalHash hash, long number)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, number);
        AppendPart(hash, bytes);
    }

    private static void AppendPart(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
