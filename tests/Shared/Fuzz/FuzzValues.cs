using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace PairDb.Tests.Shared;

/// <summary>
/// Field values for valid messages: mostly from a small alphabet (so a run can check every key and tenant it could
/// have touched), the rest empty, at and past the limits, unicode, control and invisible characters, negative and
/// extreme numbers. The protos carry no enum fields; the string-coded choices (consistency) get unknown names.
/// </summary>
internal static class FuzzValues
{
    /// <summary>A string that is mostly one of <paramref name="alphabet"/>, else an edge case around <paramref name="maxBytes"/>.</summary>
    public static Gen<string> Text(string[] alphabet, int maxBytes) => Gen.Frequency(
        (30, Gen.Elements(alphabet)),
        (1, Gen.Constant(string.Empty)),
        (1, Gen.Elements("ключ-✓", "鍵😀", "e\u0301", "\uFEFFbom", "\u202Eevil", "zero\u200Bwidth")),
        (1, Gen.Elements("a\u0000b", "tab\tnewline\n", "colon:colon", " ", "..", "/")),
        (1, Gen.Elements(new string('x', maxBytes), new string('x', maxBytes + 1), new string('é', (maxBytes / 2) + 1))));

    public static Gen<int> Int32(int low, int high) => Gen.Frequency(
        (6, Gen.Choose(low, high)),
        (1, Gen.Elements(int.MinValue, int.MaxValue, -1, 0, low - 1, high + 1)),
        (1, Gen.Choose(int.MinValue, int.MaxValue)));

    public static Gen<long> Int64(long low, long high) => Gen.Frequency(
        (6, Gen.Choose(0, (int)Math.Min(high - low, int.MaxValue)).Select(offset => low + offset)),
        (1, Gen.Elements(long.MinValue, long.MaxValue, -1L, 0L, low - 1, high + 1)),
        (1, Gen.Choose(int.MinValue, int.MaxValue).Two().Select(static pair => ((long)pair.Item1 << 32) | (uint)pair.Item2)));

    public static Gen<ulong> UInt64() => Int64(0, 1000).Select(static value => unchecked((ulong)value));

    /// <summary>How many items a batch holds: mostly a few, sometimes none, exactly <paramref name="bound"/> or one past it.</summary>
    public static Gen<int> Count(int bound) => Gen.Frequency(
        (20, Gen.Choose(1, 4)),
        (1, Gen.Elements(0, bound, bound + 1)));

    /// <summary>Value bytes: mostly short, sometimes exactly <paramref name="maxBytes"/> or one past it.</summary>
    public static Gen<ByteString> Bytes(int maxBytes) => Gen.Frequency(
        (20, Gen.Choose(0, 64).SelectMany(static n => Gen.Choose(0, 255).ArrayOf(n))),
        (1, Gen.Elements(maxBytes, maxBytes + 1).Select(static n => Enumerable.Repeat(0xA5, n).ToArray())))
        .Select(static values => ByteString.CopyFrom(Array.ConvertAll(values, static b => (byte)b)));

    /// <summary>Consistency names: the known ones in any case, empty (the default) and unknown names.</summary>
    public static Gen<string> Consistency() => Gen.Frequency(
        (6, Gen.Elements(string.Empty, "one", "quorum", "all", "ONE", "Quorum")),
        (1, Gen.Elements("two", "any", "local_quorum", "all ", "ä", "-1")));
}
