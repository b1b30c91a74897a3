using FsCheck;
using FsCheck.Fluent;

namespace PairDb.Tests.Shared;

/// <summary>
/// The kinds of fuzz input over a service's valid messages: the valid messages themselves, mutations of them, random
/// bytes sent to a random method, and (rarely) a valid message padded with an unknown field to just past the
/// server's message size limit or past it by more than the HTTP layer's allowance; sampled from a fixed seed, so a run
/// is the same every time.
/// </summary>
internal static class FuzzCases
{
    private const int MaxRandomBytes = 512;
    private const int Size = 64;

    public static Gen<FuzzCase> Of(Gen<WireMessage> valid, IReadOnlyList<(string Service, string Method)> methods, int maxMessageBytes) => Gen.Frequency(
        (50, valid.Select(static m => new FuzzCase(m.Service, m.Method, m.Bytes, "valid"))),
        (40, from message in valid
            from mutated in ByteMutations.Of(message.Bytes, valid)
            select new FuzzCase(message.Service, message.Method, mutated.Bytes, "mutated, " + mutated.Origin)),
        (9, from target in Gen.Elements(methods.AsEnumerable())
            from length in Gen.Choose(0, MaxRandomBytes)
            from bytes in Gen.Choose(0, 255).ArrayOf(length)
            select new FuzzCase(target.Service, target.Method, Array.ConvertAll(bytes, static b => (byte)b), "random bytes")),
        (1, from message in valid
            from past in Gen.Elements(1, 4096)
            select new FuzzCase(message.Service, message.Method, Oversized(message.Bytes, maxMessageBytes + past), $"padded to {past} bytes past the {maxMessageBytes}-byte limit")));

    public static FuzzCase[] Sample(Gen<FuzzCase> cases, ulong seed, int count) =>
        cases.Sample(size: Size, seed: new Rnd(seed), numberOfSamples: count);

    /// <summary>
    /// <paramref name="message"/> followed by field 99 (unknown to every request) holding zeros, <paramref name="length"/>
    /// bytes in all.
    /// </summary>
    private static byte[] Oversized(byte[] message, int length)
    {
        // Tag 99 with wire type 2 (0x9A 0x06), then a 4-byte varint length: the padding needs length - 6 bytes more.
        var padding = length - message.Length - 6;
        var padded = new byte[length];
        message.CopyTo(padded, 0);
        var at = message.Length;
        padded[at++] = 0x9A;
        padded[at++] = 0x06;
        for (var i = 0; i < 3; i++, padding >>= 7)
        {
            padded[at++] = (byte)((padding & 0x7F) | 0x80);
        }

        padded[at] = (byte)padding;
        return padded;
    }
}
