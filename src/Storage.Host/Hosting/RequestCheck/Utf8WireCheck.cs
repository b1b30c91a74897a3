using System.Buffers;
using System.Text.Unicode;

namespace PairDb.Storage.Hosting.RequestCheck;

/// <summary>
/// Walks a serialized protobuf message and finds the first string field whose bytes are not UTF-8. It reads only tags
/// and lengths, skips every field that cannot hold a string, and copies nothing unless a string straddles two buffer
/// segments. Malformed input (truncated, bad tags, too deep) ends the walk without a finding: the real parser that runs
/// next refuses it with its own error.
/// </summary>
internal static class Utf8WireCheck
{
    /// <summary>Nesting followed at most, as deep as protobuf's own parser goes by default.</summary>
    private const int MaxDepth = 100;

    /// <summary>Strings up to this size that straddle segments are copied to the stack, larger ones to a pooled buffer.</summary>
    private const int StackCopyBytes = 256;

    /// <summary>The dotted path of the first string field that is not UTF-8 (e.g. "version.clock.node_id"), or null.</summary>
    public static string? FirstInvalidField(ReadOnlySequence<byte> message, Utf8MessagePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.HasStrings)
        {
            return null;
        }

        var reader = new SequenceReader<byte>(message);
        return Walk(ref reader, message.Length, plan, depth: 0);
    }

    private static string? Walk(ref SequenceReader<byte> reader, long end, Utf8MessagePlan plan, int depth)
    {
        while (reader.Consumed < end)
        {
            if (!TryReadVarint(ref reader, out var tag))
            {
                return null;
            }

            switch (tag & 7)
            {
                case 0:
                    if (!TryReadVarint(ref reader, out _))
                    {
                        return null;
                    }

                    break;
                case 1:
                    if (!TrySkip(ref reader, 8))
                    {
                        return null;
                    }

                    break;
                case 5:
                    if (!TrySkip(ref reader, 4))
                    {
                        return null;
                    }

                    break;
                case 2:
                    if (!TryReadVarint(ref reader, out var length) || length > (ulong)reader.Remaining)
                    {
                        return null;
                    }

                    var invalid = LengthDelimited(ref reader, (long)length, plan.Field((uint)(tag >> 3)), depth);
                    if (invalid is not null)
                    {
                        return invalid;
                    }

                    break;
                default:
                    // Groups (3, 4) are not in proto3 contracts, and 6 and 7 are not wire types: the parser refuses them.
                    return null;
            }
        }

        return null;
    }

    private static string? LengthDelimited(ref SequenceReader<byte> reader, long length, Utf8Field? field, int depth)
    {
        if (field is null || field.Nested is { HasStrings: false })
        {
            reader.Advance(length);
            return null;
        }

        if (field.Nested is { } nested)
        {
            if (depth >= MaxDepth)
            {
                return null;
            }

            var invalid = Walk(ref reader, reader.Consumed + length, nested, depth + 1);
            return invalid is null ? null : field.Name + "." + invalid;
        }

        return IsUtf8(ref reader, (int)length) ? null : field.Name;
    }

    private static bool IsUtf8(ref SequenceReader<byte> reader, int length)
    {
        var unread = reader.UnreadSpan;
        if (unread.Length >= length)
        {
            var valid = Utf8.IsValid(unread[..length]);
            reader.Advance(length);
            return valid;
        }

        byte[]? rented = null;
        Span<byte> copy = length <= StackCopyBytes ? stackalloc byte[StackCopyBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            reader.TryCopyTo(copy[..length]);
            reader.Advance(length);
            return Utf8.IsValid(copy[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TrySkip(ref SequenceReader<byte> reader, int bytes)
    {
        if (reader.Remaining < bytes)
        {
            return false;
        }

        reader.Advance(bytes);
        return true;
    }

    private static bool TryReadVarint(ref SequenceReader<byte> reader, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
