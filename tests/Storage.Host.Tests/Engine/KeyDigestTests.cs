using System.Text;
using FluentAssertions;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class KeyDigestTests
{
    // XxHash64 of the canonical encoding of ("tenant", "key", [Live1, Dead1]), as computed when the encoding was fixed.
    private const ulong PinnedHash = 8801519179905821321;

    private static readonly VersionedValue Live1 = new(Encoding.UTF8.GetBytes("v"), Clock(("a", 2), ("b", 1)), 10, "coord-1", tombstone: false, expiresAtMicros: 99);
    private static readonly VersionedValue Dead1 = Tombstone(11, ("c", 1));

    [Fact]
    public void Hash_FixedInput_MatchesThePinnedValue()
    {
        // Pinned: every node of every build must compute this number for this state, or replicas never agree.
        KeyDigest.Hash("tenant", "key", [Live1, Dead1]).Should().Be(PinnedHash);
    }

    [Fact]
    public void Hash_VersionsInAnyOrder_Same()
    {
        KeyDigest.Hash("t", "k", [Live1, Dead1]).Should().Be(KeyDigest.Hash("t", "k", [Dead1, Live1]));
    }

    [Fact]
    public void Hash_OnlyTheValueBytesDiffer_Same()
    {
        var other = new VersionedValue(Encoding.UTF8.GetBytes("another value"), Live1.Clock, 10, "coord-1", tombstone: false, expiresAtMicros: 99);

        KeyDigest.Hash("t", "k", [other]).Should().Be(KeyDigest.Hash("t", "k", [Live1]));
    }

    [Theory]
    [InlineData("counter")]
    [InlineData("node")]
    [InlineData("timestamp")]
    [InlineData("coordinator")]
    [InlineData("tombstone")]
    [InlineData("expiry")]
    [InlineData("extra version")]
    public void Hash_OneFieldDiffers_Differs(string field)
    {
        VersionedValue[] changed = field switch
        {
            "counter" => [With(clock: Clock(("a", 3), ("b", 1)))],
            "node" => [With(clock: Clock(("a", 2), ("z", 1)))],
            "timestamp" => [With(timestamp: 12)],
            "coordinator" => [With(coordinator: "coord-2")],
            "tombstone" => [new VersionedValue(ReadOnlyMemory<byte>.Empty, Live1.Clock, 10, "coord-1", tombstone: true)],
            "expiry" => [With(expiresAt: 100)],
            _ => [Live1, Dead1],
        };

        KeyDigest.Hash("t", "k", changed).Should().NotBe(KeyDigest.Hash("t", "k", [Live1]));
    }

    [Fact]
    public void Hash_TenantAndKeySplitDifferently_Differs()
    {
        KeyDigest.Hash("ab", "c", [Live1]).Should().NotBe(KeyDigest.Hash("a", "bc", [Live1]));
    }

    private static VersionedValue With(VectorClock? clock = null, long timestamp = 10, string coordinator = "coord-1", long expiresAt = 99) =>
        new(Live1.Value, clock ?? Live1.Clock, timestamp, coordinator, tombstone: false, expiresAtMicros: expiresAt);
}
