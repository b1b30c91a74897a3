using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PairDb.Coordinator.Replicas;
using PairDb.Messages.Values;
using PairDb.Protocol.Storage;
using PairDb.Storage.Service;
using ProtoClockEntry = PairDb.Protocol.Storage.ClockEntry;
using ProtoVersion = PairDb.Protocol.Storage.Version;

namespace PairDb.Coordinator.Tests.Replicas;

/// <summary>storage.Version to domain versions, checked against the storage node's own forward mapping.</summary>
public sealed class StorageProtoMappingTests
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
        select new VersionedValue(value, VectorClock.From(entries), timestamp * 1000L, coordinator, tombstone);

    [Fact]
    public void FromProto_OfTheNodesToProto_ReturnsAnEqualVersion()
    {
        var property = Prop.ForAll(Arb.From(Versions), version => StorageProtoMapping.FromProto(ProtoMapping.ToProto(version)).Equals(version));

        Check.One(
            Config.QuickThrowOnFailure
                .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(4201UL), FSharpOption<int>.None)))
                .WithMaxTest(300)
                .WithQuietOnSuccess(true),
            property);
    }

    [Fact]
    public void FromProto_RepeatedVersions_KeepsTheirOrder()
    {
        var response = new ReadResponse { Found = true };
        response.Versions.Add(new ProtoVersion { CoordinatorId = "second", TimestampMicros = 2, Clock = { new ProtoClockEntry { NodeId = "b", Counter = 1 } } });
        response.Versions.Add(new ProtoVersion { CoordinatorId = "first", TimestampMicros = 1, Clock = { new ProtoClockEntry { NodeId = "a", Counter = 1 } } });

        var versions = StorageProtoMapping.FromProto(response.Versions);

        versions.Select(v => v.CoordinatorId).Should().Equal("second", "first");
    }

    [Fact]
    public void FromProto_DuplicateClockEntries_KeepsTheLargestCounter()
    {
        var proto = new ProtoVersion
        {
            Clock = { new ProtoClockEntry { NodeId = "a", Counter = 2 }, new ProtoClockEntry { NodeId = "a", Counter = 7 } },
        };

        var version = StorageProtoMapping.FromProto(proto);

        version.Clock.Get("a").Should().Be(7);
        version.Clock.Count.Should().Be(1);
    }
}
