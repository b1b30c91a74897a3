using FsCheck;
using FsCheck.Fluent;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Support;

/// <summary>
/// Generators over a four-node alphabet and counters 0..3, small enough that identical, ordered and concurrent
/// clocks (and identical clocks with different payloads) all occur often.
/// </summary>
internal static class ValueGenerators
{
    public static readonly string[] NodeIds = ["a", "b", "c", "d"];

    private static readonly byte[][] Payloads = [[], [1], [2], [1, 2]];

    public static Gen<ClockEntry> Entry { get; } =
        Gen.Elements(NodeIds).SelectMany(id => Gen.Choose(0, 3).Select(counter => new ClockEntry(id, counter)));

    /// <summary>Raw entry lists: may hold duplicate ids and zero counters.</summary>
    public static Gen<ClockEntry[]> Entries { get; } = Gen.Choose(0, 6).SelectMany(n => Entry.ArrayOf(n));

    public static Gen<VectorClock> Clock { get; } = Entries.Select(VectorClock.From);

    public static Gen<VersionedValue> Version { get; } =
        from clock in Clock
        from timestamp in Gen.Choose(0, 3)
        from coordinator in Gen.Elements(NodeIds)
        from tombstone in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from payload in Gen.Elements(Payloads)
        select new VersionedValue(payload, clock, timestamp, coordinator, tombstone);

    public static Gen<VersionedValue[]> Versions { get; } = Gen.Choose(0, 8).SelectMany(n => Version.ArrayOf(n));

    public static Arbitrary<VectorClock> ClockArb { get; } = Arb.From(Clock);

    public static Arbitrary<ClockEntry[]> EntriesArb { get; } = Arb.From(Entries);

    public static Arbitrary<VersionedValue[]> VersionsArb { get; } = Arb.From(Versions);

    public static Arbitrary<string> NodeIdArb { get; } = Arb.From(Gen.Elements(NodeIds));

    /// <summary>A list of versions together with a random permutation of it.</summary>
    public static Arbitrary<(VersionedValue[] Original, VersionedValue[] Shuffled)> PermutedVersionsArb { get; } =
        Arb.From(Versions.SelectMany(list => Gen.Shuffle(list).Select(shuffled => (list, shuffled))));

    /// <summary>The counter of every alphabet node, the reference model a clock must agree with.</summary>
    public static long[] Counters(VectorClock clock)
    {
        var counters = new long[NodeIds.Length];
        for (var i = 0; i < NodeIds.Length; i++)
        {
            counters[i] = clock.Get(NodeIds[i]);
        }

        return counters;
    }
}
