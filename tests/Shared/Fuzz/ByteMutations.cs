using FsCheck;
using FsCheck.Fluent;

namespace PairDb.Tests.Shared;

/// <summary>
/// Mutations of an encoded message, each named in the case's origin: bit flips, truncation, a splice with another
/// message, an overlong varint or an impossible length, a field re-tagged with another wire type, an unknown field, a
/// field sent twice.
/// </summary>
internal static class ByteMutations
{
    /// <summary>Field numbers no request of ours declares (up to the largest a tag can carry).</summary>
    private static readonly int[] UnknownFieldNumbers = [13, 14, 15, 16, 99, 1000, 19_000, 536_870_911];

    public static Gen<(byte[] Bytes, string Origin)> Of(byte[] message, Gen<WireMessage> others) => Gen.OneOf(
        BitFlips(message),
        Truncation(message),
        Splice(message, others),
        VarintOverflow(message),
        WrongWireType(message),
        UnknownField(message),
        DuplicatedField(message));

    private static Gen<(byte[], string)> BitFlips(byte[] message) =>
        message.Length == 0
            ? Gen.Choose(0, 255).Select(b => (new[] { (byte)b }, "bit flips: empty message, one random byte"))
            : Gen.Choose(1, 4).SelectMany(count => Gen.Choose(0, (message.Length * 8) - 1).ArrayOf(count)).Select(bits =>
            {
                var copy = (byte[])message.Clone();
                foreach (var bit in bits)
                {
                    copy[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                return (copy, "bit flips at " + string.Join(",", bits));
            });

    private static Gen<(byte[], string)> Truncation(byte[] message) =>
        Gen.Choose(0, Math.Max(0, message.Length - 1)).Select(length => (message[..Math.Min(length, message.Length)], $"truncated to {length}"));

    private static Gen<(byte[], string)> Splice(byte[] message, Gen<WireMessage> others) =>
        from other in others
        from cut in Gen.Choose(0, message.Length)
        from start in Gen.Choose(0, other.Bytes.Length)
        select ((byte[])[.. message[..cut], .. other.Bytes[start..]], $"splice: first {cut} bytes, then {other.Method} from byte {start}");

    private static Gen<(byte[], string)> VarintOverflow(byte[] message) =>
        from at in Boundary(message)
        from field in Gen.Choose(1, 12)
        from lengthPrefix in Gen.Elements(false, true)
        let encoded = lengthPrefix
            ? (byte[])[.. Varint((ulong)((field << 3) | 2)), 0xF0, 0xFF, 0xFF, 0xFF, 0x0F]
            : [.. Varint((ulong)(field << 3)), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        select (Insert(message, at, encoded), (lengthPrefix ? "4 GiB length prefix" : "11-byte varint") + $" for field {field} at {at}");

    private static Gen<(byte[], string)> WrongWireType(byte[] message)
    {
        var spans = FieldSpans.Of(message);
        if (spans.Count == 0)
        {
            return VarintOverflow(message);
        }

        return from index in Gen.Choose(0, spans.Count - 1)
               from wireType in Gen.Choose(0, 7).Where(t => t != (message[spans[index].Start] & 7))
               select (Retag(message, spans[index].Start, wireType), $"field at {spans[index].Start} re-tagged with wire type {wireType}");
    }

    private static Gen<(byte[], string)> UnknownField(byte[] message) =>
        from at in Boundary(message)
        from field in Gen.Elements(UnknownFieldNumbers)
        from wireType in Gen.Elements(0, 1, 2, 5)
        from payload in Gen.Choose(0, 255).ArrayOf().Select(p => p.Select(b => (byte)b).ToArray())
        select (Insert(message, at, Field(field, wireType, payload)), $"unknown field {field} (wire type {wireType}, {payload.Length} payload bytes) at {at}");

    private static Gen<(byte[], string)> DuplicatedField(byte[] message)
    {
        var spans = FieldSpans.Of(message);
        if (spans.Count == 0)
        {
            return Gen.Constant(((byte[])[.. message, .. message], "whole message sent twice"));
        }

        return from index in Gen.Choose(0, spans.Count - 1)
               let span = spans[index]
               select ((byte[])[.. message, .. message.AsSpan(span.Start, span.Length)], $"field at {span.Start} ({span.Length} bytes) sent again at the end");
    }

    /// <summary>A field boundary of the message (its end when it does not parse).</summary>
    private static Gen<int> Boundary(byte[] message)
    {
        var spans = FieldSpans.Of(message);
        return spans.Count == 0 ? Gen.Constant(message.Length) : Gen.Elements(spans.Select(s => s.Start).Append(message.Length));
    }

    private static byte[] Insert(byte[] message, int at, byte[] inserted) => [.. message[..at], .. inserted, .. message[at..]];

    private static byte[] Retag(byte[] message, int start, int wireType)
    {
        var copy = (byte[])message.Clone();
        copy[start] = (byte)((copy[start] & ~7) | wireType);
        return copy;
    }

    private static byte[] Field(int field, int wireType, byte[] payload)
    {
        var tag = Varint(((ulong)field << 3) | (uint)wireType);
        return wireType switch
        {
            0 => [.. tag, .. Varint((ulong)payload.Length)],
            1 => [.. tag, .. Padded(payload, 8)],
            5 => [.. tag, .. Padded(payload, 4)],
            _ => [.. tag, .. Varint((ulong)payload.Length), .. payload],
        };
    }

    private static byte[] Padded(byte[] payload, int length)
    {
        var fixedWidth = new byte[length];
        payload.AsSpan(0, Math.Min(length, payload.Length)).CopyTo(fixedWidth);
        return fixedWidth;
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>(10);
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
