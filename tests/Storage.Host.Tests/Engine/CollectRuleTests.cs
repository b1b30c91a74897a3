using FluentAssertions;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using static PairDb.Storage.Tests.Support.TestVersions;

namespace PairDb.Storage.Tests.Engine;

public sealed class CollectRuleTests
{
    private const long Cutoff = 100;

    [Fact]
    public void Apply_NothingToCollect_KeepsEveryVersion()
    {
        VersionedValue[] versions = [Live("v", 1, ("a", 1)), Tombstone(1, ("b", 1))];

        var (kept, expired) = CollectRule.Apply(versions, Cutoff);

        kept.Should().Equal(versions);
        expired.Should().Be(0);
    }

    [Fact]
    public void Apply_ExpiredVersionsAndOldTombstone_KeepsNothingAndCountsTheExpired()
    {
        VersionedValue[] versions = [Expiring(Cutoff, ("a", 1)), Expiring(1, ("c", 1)), Tombstone(Cutoff, ("b", 1))];

        var (kept, expired) = CollectRule.Apply(versions, Cutoff);

        kept.Should().BeEmpty();
        expired.Should().Be(2);
    }

    [Fact]
    public void Apply_ExpiryAfterTheCutoff_KeptAsLive()
    {
        VersionedValue[] versions = [Expiring(Cutoff + 1, ("a", 1)), Tombstone(1, ("b", 1))];

        var (kept, expired) = CollectRule.Apply(versions, Cutoff);

        kept.Should().Equal(versions);
        expired.Should().Be(0);
    }

    private static VersionedValue Expiring(long expiresAt, params (string Node, long Counter)[] clock) =>
        new(new byte[] { 1 }, Clock(clock), 1, "coord-1", tombstone: false, expiresAtMicros: expiresAt);
}
