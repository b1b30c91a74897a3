using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using PairDb.Messages.Proto;
using PairDb.Messages.Tests.Support;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;
using ProtoClockEntry = PairDb.Protocol.Storage.ClockEntry;
using ProtoVersion = PairDb.Protocol.Storage.Version;

namespace PairDb.Messages.Tests.Proto;

public sealed class ProtoMappingTests
{
    private static readonly Gen<VersionedValue> Versions =
        from entries in Gen.Choose(0, 6).SelectMany(n =>
            Gen.Elements("a", "b", "coord-3")
                .SelectMany(id => Gen.Choose(1, 1000).Select(counter => new Messages.Values.ClockEntry(id, counter)))
                .ArrayOf(n))
        from value in Gen.Choose(0, 5).SelectMany(n => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(n))
        from timestamp in Gen.Choose(0, int.MaxValue)
        from coordinator in Gen.Elements("a", "b", "")
        from tombstone in Gen.Elements(true, false)
        from expiresAt in Gen.Elements(0L, 1L, 1_700_000_000_000_000L, long.MaxValue)
        select new VersionedValue(value, VectorClock.From(entries), timestamp * 1000L, coordinator, tombstone, expiresAt);

    [Fact]
    public void FromProto_OfToProto_ReturnsAnEqualVersion()
    {
        var property = Prop.ForAll(Arb.From(Versions), version => ProtoMapping.FromProto(ProtoMapping.ToProto(version)).Equals(version));

        PropertyRunner.Check(4201UL, property, maxTest: 300);
    }

    [Fact]
    public void ToProto_ExpiringVersion_CarriesTheExpiryBothWays()
    {
        var version = new VersionedValue(new byte[] { 1 }, VectorClock.Empty.Increment("a"), 10, "a", tombstone: false, expiresAtMicros: 2_000_000);

        var proto = ProtoMapping.ToProto(version);
        var withoutValue = ProtoMapping.ToProtoWithoutValue(version);

        proto.ExpiresAtMicros.Should().Be(2_000_000);
        withoutValue.ExpiresAtMicros.Should().Be(2_000_000);
        ProtoMapping.FromProto(proto).ExpiresAtMicros.Should().Be(2_000_000);
    }

    [Fact]
    public void FromProto_RepeatedVersions_KeepsTheirOrder()
    {
        var response = new ReadResponse { Found = true };
        response.Versions.Add(new ProtoVersion { CoordinatorId = "second", TimestampMicros = 2, Clock = { new ProtoClockEntry { NodeId = "b", Counter = 1 } } });
        response.Versions.Add(new ProtoVersion { CoordinatorId = "first", TimestampMicros = 1, Clock = { new ProtoClockEntry { NodeId = "a", Counter = 1 } } });

        var versions = ProtoMapping.FromProto(response.Versions);

        versions.Select(v => v.CoordinatorId).Should().Equal("second", "first");
    }

    [Fact]
    public void FromProto_DuplicateClockEntries_KeepsTheLargestCounter()
    {
        var proto = new ProtoVersion
        {
            Clock = { new ProtoClockEntry { NodeId = "a", Counter = 2 }, new ProtoClockEntry { NodeId = "a", Counter = 7 } },
        };

        var version = ProtoMapping.FromProto(proto);

        version.Clock.Get("a").Should().Be(7);
        version.Clock.Count.Should().Be(1);
    }

    [Fact]
    public void ToProtoWithoutValue_Version_KeepsClockAndStampDropsValue()
    {
        var version = new VersionedValue(new byte[] { 1, 2, 3 }, VectorClock.From([new Messages.Values.ClockEntry("a", 3)]), 42, "coord-1", tombstone: false);

        var proto = ProtoMapping.ToProtoWithoutValue(version);

        proto.Value.IsEmpty.Should().BeTrue();
        proto.TimestampMicros.Should().Be(42);
        proto.CoordinatorId.Should().Be("coord-1");
        proto.Clock.Should().ContainSingle().Which.Should().Be(new ProtoClockEntry { NodeId = "a", Counter = 3 });
    }

    [Fact]
    public void ToProto_VectorClock_ListsEntriesSortedByNode()
    {
        var clock = VectorClock.From([new Messages.Values.ClockEntry("b", 2), new Messages.Values.ClockEntry("a", 5)]);

        var proto = ProtoMapping.ToProto(clock);

        proto.Entries.Select(e => (e.CoordinatorNodeId, e.LogicalTimestamp)).Should().Equal(("a", 5L), ("b", 2L));
    }
}
