using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PairDb.Messages.Ring;

/// <summary>
/// Positions on the consistent-hash ring, the same on every coordinator and storage node: the first 8 bytes
/// (big-endian, unsigned) of SHA-256 of UTF-8 "tenant:key" for a key, of "&lt;nodeId&gt;-vnode-&lt;i&gt;" for a virtual node.
/// </summary>
public static class RingPositions
{
    // Keys up to this many encoded bytes hash from the stack; longer ones (keys reach 1 KiB) rent a pooled buffer.
    private const int StackBufferBytes = 1536;

    /// <summary>The ring position of <paramref name="key"/> of <paramref name="tenant"/>.</summary>
    public static ulong Compute(string tenant, string key)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        var length = Encoding.UTF8.GetByteCount(tenant) + 1 + Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(tenant, buffer);
            buffer[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(key, buffer[written..]);
            return HashPrefix(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The ring position of virtual node <paramref name="index"/> of <paramref name="nodeId"/>.</summary>
    public static ulong VirtualNode(string nodeId, int index)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        return HashPrefix(Encoding.UTF8.GetBytes($"{nodeId}-vnode-{index}"));
    }

    private static ulong HashPrefix(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
