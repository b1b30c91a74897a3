using Google.Protobuf;

namespace PairDb.Tests.Shared;

/// <summary>The top-level fields of an encoded protobuf message as (start, length) spans; empty when it does not parse.</summary>
internal static class FieldSpans
{
    public static IReadOnlyList<(int Start, int Length)> Of(byte[] message)
    {
        var spans = new List<(int, int)>();
        try
        {
            var input = new CodedInputStream(message);
            var start = (int)input.Position;
            while (input.ReadTag() != 0)
            {
                input.SkipLastField();
                var end = (int)input.Position;
                spans.Add((start, end - start));
                start = end;
            }
        }
        catch (InvalidProtocolBufferException)
        {
            spans.Clear();
        }

        return spans;
    }

    /// <summary>The length in bytes of the varint tag that starts at <paramref name="start"/>.</summary>
    public static int TagLength(byte[] message, int start)
    {
        var i = start;
        while (i < message.Length - 1 && (message[i] & 0x80) != 0)
        {
            i++;
        }

        return i - start + 1;
    }
}
