using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores;

/// <summary>What makes two writes the same request for idempotency.</summary>
public sealed class RequestFingerprintTests
{
    private static readonly VectorClock Clock = VectorClock.From([new ClockEntry("coord-a", 2)]);

    [Fact]
    public void Of_PlainWrite_IsTheHashEarlierBuildsStored()
    {
        // SHA-256 over the big-endian length-prefixed tenant, key, tombstone flag and value (computed independently:
        // Python's hashlib over the same bytes), as records written before the conditional fields existed hold it.
        RequestFingerprint.Of(Write("v1")).Should().Be(RequestFingerprint.Of(Write("v1") with { Consistency = Messages.Values.Consistency.One }));
        RequestFingerprint.Of(Write("v1")).Should().Be("36858bc83999c27c2e5e4773e4d02a8bc8fd49ed76b946997c18ac09294f3855");
    }

    [Fact]
    public void Of_ContextConditionOrTtl_EachMakesADifferentRequest()
    {
        var plain = Write("v1");
        string[] prints =
        [
            RequestFingerprint.Of(plain),
            RequestFingerprint.Of(plain with { Context = Clock }),
            RequestFingerprint.Of(plain with { Context = VectorClock.Empty }),
            RequestFingerprint.Of(plain with { IfClock = Clock }),
            RequestFingerprint.Of(plain with { IfClock = VectorClock.Empty }),
            RequestFingerprint.Of(plain with { IfAbsent = true }),
            RequestFingerprint.Of(plain with { TtlMillis = 1000 }),
        ];

        prints.Should().OnlyHaveUniqueItems();
        RequestFingerprint.Of(plain with { IfClock = Clock }).Should().Be(RequestFingerprint.Of(Write("v1") with { IfClock = VectorClock.From([new ClockEntry("coord-a", 2)]) }));
    }
}
