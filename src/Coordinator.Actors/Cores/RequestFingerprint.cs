using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Cores;

/// <summary>
/// What makes two writes "the same request" for idempotency: tenant, key, delete-or-write and the value bytes
/// (the consistency level is how to apply it, not what, so it is left out). Hex SHA-256, length-prefixed parts.
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
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendPart(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
