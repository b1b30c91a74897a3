using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PairDb.Storage.Engine;

/// <summary>
/// The coordinator's ring position of a key (first 8 bytes of SHA-256 of "tenant:key", big-endian unsigned) and
/// its order-preserving mapping onto SQLite's signed INTEGER, so range scans over positions can use an index.
/// </summary>
public static class RingPositions
{
    private const ulong SignBit = 0x8000_0000_0000_0000;
    private const int StackLimit = 1536;

    /// <summary>The ring position of <paramref name="key"/> of <paramref name="tenant"/>.</summary>
    public static ulong Compute(string tenant, string key)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        var length = Encoding.UTF8.GetByteCount(tenant) + 1 + Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(tenant, buffer);
            buffer[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(key, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Maps a position onto a signed integer with the same order (flips the sign bit).</summary>
    public static long ToStored(ulong position) => unchecked((long)(position ^ SignBit));

    /// <summary>Inverse of <see cref="ToStored"/>.</summary>
    public static ulong FromStored(long stored) => unchecked((ulong)stored ^ SignBit);
}
