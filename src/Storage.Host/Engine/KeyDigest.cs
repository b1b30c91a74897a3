using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// The 64-bit hash of one key an anti-entropy digest XORs into its arc: XxHash64 (seed 0) over a canonical encoding of
/// the tenant, the key and its versions, so every process on every machine computes the same number for the same state.
/// </summary>
/// <remarks>
/// Encoding: tenant and key as length-prefixed UTF-8, the number of versions, then each version's encoding in ascending
/// byte order (so neither write order nor the order inside the stored row matters). A version is its clock entries
/// (count, then per entry the node id as length-prefixed UTF-8 and the counter; a clock keeps its entries sorted by node
/// id), timestamp, coordinator id, tombstone flag and expiry. Integers are big-endian; lengths are 32-bit. Values are
/// left out: the clock identifies a version. Changing any of this makes nodes of different builds disagree on every
/// digest, so it is part of the storage node's contract.
/// </remarks>
internal static class KeyDigest
{
    /// <summary>The hash of a key holding <paramref name="versions"/>.</summary>
    public static ulong Hash(string tenant, string key, IReadOnlyList<VersionedValue> versions)
    {
        var encoded = new byte[versions.Count][];
        for (var i = 0; i < versions.Count; i++)
        {
            encoded[i] = Encode(versions[i]);
        }

        Array.Sort(encoded, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        var head = new ArrayBufferWriter<byte>();
        WriteString(head, tenant);
        WriteString(head, key);
        WriteInt32(head, versions.Count);
        var hash = new XxHash64();
        hash.Append(head.WrittenSpan);
        foreach (var version in encoded)
        {
            hash.Append(version);
        }

        return hash.GetCurrentHashAsUInt64();
    }

    private static byte[] Encode(VersionedValue version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var entries = version.Clock.Entries;
        WriteInt32(buffer, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            WriteString(buffer, entries[i].NodeId);
            WriteInt64(buffer, entries[i].Counter);
        }

        WriteInt64(buffer, version.TimestampMicros);
        WriteString(buffer, version.CoordinatorId);
        buffer.Write([version.Tombstone ? (byte)1 : (byte)0]);
        WriteInt64(buffer, version.ExpiresAtMicros);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WriteInt32(buffer, length);
        var written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(length));
        buffer.Advance(written);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(sizeof(int)), value);
        buffer.Advance(sizeof(int));
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(sizeof(long)), value);
        buffer.Advance(sizeof(long));
    }
}
