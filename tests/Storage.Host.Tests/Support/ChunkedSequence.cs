using System.Buffers;

namespace PairDb.Storage.Tests.Support;

/// <summary>Splits bytes into a multi-segment <see cref="ReadOnlySequence{T}"/>, as a large message arrives from a socket.</summary>
internal sealed class ChunkedSequence : ReadOnlySequenceSegment<byte>
{
    private ChunkedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary><paramref name="bytes"/> in segments of <paramref name="chunk"/> bytes (the last one shorter).</summary>
    public static ReadOnlySequence<byte> Of(byte[] bytes, int chunk)
    {
        var first = new ChunkedSequence(bytes.AsMemory(0, Math.Min(chunk, bytes.Length)), 0);
        var last = first;
        for (var start = chunk; start < bytes.Length; start += chunk)
        {
            var next = new ChunkedSequence(bytes.AsMemory(start, Math.Min(chunk, bytes.Length - start)), start);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
