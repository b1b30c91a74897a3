using System.Buffers.Binary;
using System.Text;
using PairDb.Messages.Values;

namespace PairDb.Storage.Engine;

/// <summary>
/// Compact binary layout of a key's sibling set, stored as one BLOB per key:
/// format byte (1), varint count, then per version: flags byte (bit 0 = tombstone, bit 1 = expires), int64 little-endian
/// timestamp (Unix microseconds), with bit 1 an int64 little-endian expiry (Unix microseconds), varint-length UTF-8 coordinator id, varint entry count, per entry a varint-length UTF-8 node
/// id and a varint counter, and finally a varint-length value. Decoded values are slices of the BLOB (no copies).
/// </summary>
internal static class VersionCodec
{
    private const byte FormatVersion = 1;
    private const byte TombstoneFlag = 1;

    // Set only on versions that expire, so the sibling sets written before expiry existed decode unchanged.
    private const byte ExpiresFlag = 2;

    /// <summary>Encodes a sibling set into a new, exactly sized array.</summary>
    public static byte[] Encode(IReadOnlyList<VersionedValue> versions)
    {
        var size = 1 + VarintSize((ulong)versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            size += EncodedSize(versions[i]);
        }

        var buffer = new byte[size];
        var span = buffer.AsSpan();
        span[0] = FormatVersion;
        var offset = 1;
        offset += WriteVarint(span[offset..], (ulong)versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            offset += WriteVersion(span[offset..], versions[i]);
        }

        return buffer;
    }

    /// <summary>Decodes a BLOB written by <see cref="Encode"/>; throws <see cref="InvalidDataException"/> when corrupt.</summary>
    public static IReadOnlyList<VersionedValue> Decode(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length == 0 || blob[0] != FormatVersion)
        {
            throw new InvalidDataException("Stored sibling set has an unknown format.");
        }

        try
        {
            var offset = 1;
            var count = checked((int)ReadVarint(blob, ref offset));
            Require(blob, offset, count);
            var versions = new VersionedValue[count];
            for (var i = 0; i < count; i++)
            {
                versions[i] = ReadVersion(blob, ref offset);
            }

            if (offset != blob.Length)
            {
                throw new InvalidDataException("Stored sibling set has trailing bytes.");
            }

            return versions;
        }
        catch (OverflowException ex)
        {
            throw new InvalidDataException("Stored sibling set holds an out-of-range number.", ex);
        }
    }

    private static int EncodedSize(VersionedValue version)
    {
        var size = 1 + sizeof(long) + (version.ExpiresAtMicros != 0 ? sizeof(long) : 0) + StringSize(version.CoordinatorId) + VarintSize((ulong)version.Clock.Count);
        var entries = version.Clock.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            size += StringSize(entries[i].NodeId) + VarintSize((ulong)entries[i].Counter);
        }

        return size + VarintSize((ulong)version.Value.Length) + version.Value.Length;
    }

    private static int WriteVersion(Span<byte> span, VersionedValue version)
    {
        var expires = version.ExpiresAtMicros != 0;
        span[0] = (byte)((version.Tombstone ? TombstoneFlag : 0) | (expires ? ExpiresFlag : 0));
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], version.TimestampMicros);
        var offset = 1 + sizeof(long);
        if (expires)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], version.ExpiresAtMicros);
            offset += sizeof(long);
        }

        offset += WriteString(span[offset..], version.CoordinatorId);
        var entries = version.Clock.Entries;
        offset += WriteVarint(span[offset..], (ulong)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            offset += WriteString(span[offset..], entries[i].NodeId);
            offset += WriteVarint(span[offset..], (ulong)entries[i].Counter);
        }

        offset += WriteVarint(span[offset..], (ulong)version.Value.Length);
        version.Value.Span.CopyTo(span[offset..]);
        return offset + version.Value.Length;
    }

    private static VersionedValue ReadVersion(byte[] blob, ref int offset)
    {
        Require(blob, offset, 1 + sizeof(long));
        var flags = blob[offset];
        if ((flags & ~(TombstoneFlag | ExpiresFlag)) != 0)
        {
            throw new InvalidDataException("Stored version has unknown flags.");
        }

        var timestamp = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(offset + 1));
        offset += 1 + sizeof(long);
        long expiresAt = 0;
        if ((flags & ExpiresFlag) != 0)
        {
            Require(blob, offset, sizeof(long));
            expiresAt = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(offset));
            offset += sizeof(long);
        }

        var coordinator = ReadString(blob, ref offset);
        var entryCount = checked((int)ReadVarint(blob, ref offset));
        var entries = new ClockEntry[entryCount];
        for (var i = 0; i < entryCount; i++)
        {
            var node = ReadString(blob, ref offset);
            entries[i] = new ClockEntry(node, checked((long)ReadVarint(blob, ref offset)));
        }

        var valueLength = checked((int)ReadVarint(blob, ref offset));
        Require(blob, offset, valueLength);
        var value = new ReadOnlyMemory<byte>(blob, offset, valueLength);
        offset += valueLength;
        return new VersionedValue(value, VectorClock.From(entries), timestamp, coordinator, (flags & TombstoneFlag) != 0, expiresAt);
    }

    private static int StringSize(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return VarintSize((ulong)bytes) + bytes;
    }

    private static int WriteString(Span<byte> span, string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        var offset = WriteVarint(span, (ulong)bytes);
        return offset + Encoding.UTF8.GetBytes(text, span[offset..]);
    }

    private static string ReadString(byte[] blob, ref int offset)
    {
        var length = checked((int)ReadVarint(blob, ref offset));
        Require(blob, offset, length);
        var text = Encoding.UTF8.GetString(blob, offset, length);
        offset += length;
        return text;
    }

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int WriteVarint(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }

    private static ulong ReadVarint(byte[] blob, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Require(blob, offset, 1);
            var b = blob[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Stored varint is too long.");
    }

    private static void Require(byte[] blob, int offset, int length)
    {
        if (length < 0 || offset > blob.Length - length)
        {
            throw new InvalidDataException("Stored sibling set is truncated.");
        }
    }
}
