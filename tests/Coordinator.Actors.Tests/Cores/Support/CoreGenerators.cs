using FsCheck;
using FsCheck.Fluent;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Cores.Support;

/// <summary>Generators for the core tests: small alphabets and counters so that conflicts and ties really occur.</summary>
internal static class CoreGenerators
{
    public static readonly string[] CoordinatorIds = ["a", "b", "c", "d"];

    private static readonly byte[][] Payloads = [[], [1], [2]];

    public static Gen<VectorClock> Clock { get; } =
        Gen.Choose(0, 5).SelectMany(n => Gen.Elements(CoordinatorIds)
            .SelectMany(id => Gen.Choose(0, 3).Select(counter => new ClockEntry(id, counter)))
            .ArrayOf(n))
            .Select(VectorClock.From);

    public static Gen<VersionedValue> Version { get; } =
        from clock in Clock
        from timestamp in Gen.Choose(0, 4)
        from coordinator in Gen.Elements(CoordinatorIds)
        from tombstone in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from payload in Gen.Elements(Payloads)
        select new VersionedValue(payload, clock, timestamp, coordinator, tombstone);

    public static Gen<VersionedValue[]> Versions { get; } = Gen.Choose(0, 6).SelectMany(n => Version.ArrayOf(n));

    /// <summary>A replica's stored state: always a sibling set, as storage keeps it.</summary>
    public static Gen<IReadOnlyList<VersionedValue>> StoredSiblings { get; } = Versions.Select(SiblingSet.MergeAll);

    /// <summary>Any unsigned 64-bit ring position.</summary>
    public static Gen<ulong> Position { get; } =
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)hi << 32) | (uint)lo;
}
