using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Serialization;

/// <summary>Realistic contents for cluster messages: multi-entry clocks, siblings, a 1 MiB value (fixed seed).</summary>
internal static class ClusterMessageSamples
{
    public const int OneMiB = 1024 * 1024;

    public static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static byte[] OneMiBValue { get; } = RandomBytes(OneMiB, seed: 7301);

    public static VectorClock ThreeNodeClock { get; } =
        VectorClock.From([new ClockEntry("coord-a", 12), new ClockEntry("coord-b", 3), new ClockEntry("coord-c", 40)]);

    /// <summary>Three concurrent versions as a read finds them, winner first: live, live, tombstone.</summary>
    public static VersionedValue[] Siblings(byte[] winnerValue) =>
    [
        new(winnerValue, VectorClock.From([new ClockEntry("coord-a", 13), new ClockEntry("coord-b", 3)]), 1_796_000_000_000_300, "coord-a", tombstone: false),
        new("second"u8.ToArray(), VectorClock.From([new ClockEntry("coord-a", 12), new ClockEntry("coord-b", 4)]), 1_796_000_000_000_200, "coord-b", tombstone: false),
        new(ReadOnlyMemory<byte>.Empty, VectorClock.From([new ClockEntry("coord-c", 40)]), 1_796_000_000_000_100, "coord-c", tombstone: true),
    ];

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
