using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Messages.Values;
using PairDb.Storage.Engine;
using PairDb.Storage.Tests.Support;

namespace PairDb.Storage.Tests.Engine;

public sealed class VersionCodecTests
{
    private static readonly Gen<string> NodeIdGen = Gen.Elements("a", "coordinator-1", "ünïcødé-节点", new string('n', 300));

    private static readonly Gen<VersionedValue> VersionGen =
        from entries in Gen.ListOf(from node in NodeIdGen from counter in Gen.Choose(1, int.MaxValue) select new ClockEntry(node, counter * 4096L))
        from value in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        from timestamp in Gen.Choose(int.MinValue, int.MaxValue).Select(t => t * 1_000_003L)
        from coordinator in NodeIdGen
        from tombstone in Gen.Elements(true, false)
        from expiresAt in Gen.Elements(0L, 1L, 1_767_225_600_000_000L, long.MaxValue)
        select new VersionedValue(value, VectorClock.From(entries), timestamp, coordinator, tombstone, expiresAt);

    [Fact]
    public void Decode_OfEncode_ReturnsEqualVersions()
    {
        PropertyRunner.Check(201, Prop.ForAll(Gen.ListOf(VersionGen).ToArbitrary(), versions =>
        {
            var decoded = VersionCodec.Decode(VersionCodec.Encode(versions));

            decoded.Should().Equal(versions);
        }));
    }

    [Fact]
    public void Decode_EveryTruncation_ThrowsInvalidData()
    {
        var expiring = new VersionedValue(new byte[] { 1 }, TestVersions.Clock(("d", 1)), 7, "coord-1", tombstone: false, expiresAtMicros: 1_000);
        var blob = VersionCodec.Encode([TestVersions.Live("value", 5, ("a", 300), ("b", 1)), TestVersions.Tombstone(6, ("c", 2)), expiring]);

        for (var length = 0; length < blob.Length; length++)
        {
            var act = () => VersionCodec.Decode(blob[..length]);

            act.Should().Throw<InvalidDataException>($"a blob cut to {length} bytes is corrupt");
        }
    }

    [Fact]
    public void Decode_UnknownFormatOrTrailingBytes_ThrowsInvalidData()
    {
        var blob = VersionCodec.Encode([TestVersions.Live("value", 5, ("a", 1))]);
        var wrongFormat = (byte[])blob.Clone();
        wrongFormat[0] = 9;

        var actFormat = () => VersionCodec.Decode(wrongFormat);
        var actTrailing = () => VersionCodec.Decode([.. blob, 0]);

        actFormat.Should().Throw<InvalidDataException>();
        actTrailing.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Encode_ExpiringVersion_AddsEightBytesAndKeepsTheExpiry()
    {
        var never = TestVersions.Live("v", 5, ("a", 1));
        var expiring = new VersionedValue(never.Value, never.Clock, 5, never.CoordinatorId, tombstone: false, expiresAtMicros: 9_000);

        var blob = VersionCodec.Encode([expiring]);

        blob.Length.Should().Be(VersionCodec.Encode([never]).Length + 8);
        VersionCodec.Decode(blob).Should().ContainSingle().Which.ExpiresAtMicros.Should().Be(9_000);
    }

    [Fact]
    public void Decode_UnknownFlag_ThrowsInvalidData()
    {
        var blob = VersionCodec.Encode([TestVersions.Live("v", 5, ("a", 1))]);
        blob[2] = 4;

        var act = () => VersionCodec.Decode(blob);

        act.Should().Throw<InvalidDataException>().WithMessage("*flags*");
    }

    [Fact]
    public void Encode_EmptyValue_TakesFewBytes()
    {
        var blob = VersionCodec.Encode([TestVersions.Tombstone(1, ("a", 1))]);

        // format, count, flags, 8-byte timestamp, coordinator "coord-1", 1 entry "a":1, empty value.
        blob.Length.Should().Be(1 + 1 + 1 + 8 + 8 + 1 + 2 + 1 + 1);
    }
}
