using System.Runtime.Serialization;
using FluentAssertions;
using PairDb.Messages.Protocols;
using PairDb.Messages.Serialization;
using PairDb.Messages.Values;
using PairDb.Tests.Shared;
using static PairDb.Messages.Tests.Serialization.ClusterMessageSamples;
using Wire = PairDb.Messages.Cluster.Proto;

namespace PairDb.Messages.Tests.Serialization;

public sealed class ClusterMessageSerializerTests(ClusterSystemFixture fixture) : IClassFixture<ClusterSystemFixture>
{
    private readonly ManualTimeProvider _time = new(Start);

    public static TheoryData<Consistency> Consistencies => [.. Enum.GetValues<Consistency>()];

    public static TheoryData<FailureKind> FailureKinds => [.. Enum.GetValues<FailureKind>()];

    private ClusterMessageSerializer Serializer => new(fixture.Extended, _time);

    [Fact]
    public void ToBinary_WriteKeyWithOneMiBValue_RoundTripsEveryField()
    {
        var command = new WriteKey("tenant-1", "user:42", OneMiBValue, false, Consistency.All, 5, "idem-7", true, Start.UtcDateTime.AddSeconds(2));

        var copy = RoundTrip(command);

        copy.Value.Span.SequenceEqual(OneMiBValue).Should().BeTrue();
        copy.Should().BeEquivalentTo(command, o => o.Excluding(c => c.Value));
    }

    [Fact]
    public void ToBinary_WriteKeyWithEmptyValue_RoundTripsAnEmptyValue()
    {
        var command = new WriteKey("t", "k", ReadOnlyMemory<byte>.Empty, false, Consistency.Quorum, 3, "generated-1", false, Start.UtcDateTime.AddSeconds(1));

        var copy = RoundTrip(command);

        copy.Value.Length.Should().Be(0);
        copy.Tombstone.Should().BeFalse();
        copy.ClientIdempotencyKey.Should().BeFalse();
        copy.Should().BeEquivalentTo(command, o => o.Excluding(c => c.Value));
    }

    [Fact]
    public void ToBinary_WriteKeyValueSlice_CarriesOnlyTheSlice()
    {
        var buffer = RandomBytes(64, seed: 11);
        var command = new WriteKey("t", "k", buffer.AsMemory(8, 16), false, Consistency.Quorum, 3, "i", true, Start.UtcDateTime.AddSeconds(1));

        var copy = RoundTrip(command);

        copy.Value.ToArray().Should().Equal(buffer[8..24]);
    }

    [Fact]
    public void ToBinary_WriteKeyTombstone_RoundTripsTheTombstone()
    {
        var command = new WriteKey("t", "deleted", ReadOnlyMemory<byte>.Empty, true, Consistency.One, 3, "idem-del", true, Start.UtcDateTime.AddMilliseconds(500));

        var copy = RoundTrip(command);

        copy.Tombstone.Should().BeTrue();
        copy.Should().BeEquivalentTo(command, o => o.Excluding(c => c.Value));
    }

    [Theory]
    [MemberData(nameof(Consistencies))]
    public void ToBinary_ReadKey_RoundTripsEveryConsistency(Consistency consistency)
    {
        var command = new ReadKey("tenant-ü", "key/with/slashes", consistency, 7, Start.UtcDateTime.AddSeconds(30));

        RoundTrip(command).Should().Be(command);
    }

    [Theory]
    [MemberData(nameof(Consistencies))]
    public void ToBinary_WriteSucceeded_RoundTripsMultiEntryClock(Consistency consistency)
    {
        var reply = new WriteSucceeded(ThreeNodeClock, 3, consistency, "idem-7", IsDuplicate: true, Owner: "coordinator-2.pairdb:50051");

        var copy = RoundTrip(reply);

        copy.Should().Be(reply);
        copy.Clock.Entries.Should().Equal(ThreeNodeClock.Entries);
    }

    [Fact]
    public void ToBinary_RingChanged_RoundTripsTheOneInstanceInNoBytes()
    {
        RoundTrip(RingChanged.Instance).Should().BeSameAs(RingChanged.Instance);
    }

    [Theory]
    [MemberData(nameof(FailureKinds))]
    public void ToBinary_WriteFailed_RoundTripsEveryFailureKind(FailureKind kind)
    {
        var reply = new WriteFailed(kind, "2 of 3 replicas answered, 3 required");

        RoundTrip<WriteReply>(reply).Should().Be(reply);
    }

    [Theory]
    [MemberData(nameof(FailureKinds))]
    public void ToBinary_ReadFailed_RoundTripsEveryFailureKind(FailureKind kind)
    {
        var reply = new ReadFailed(kind, "1 of 3 replicas answered, 2 required");

        RoundTrip<ReadReply>(reply).Should().Be(reply);
    }

    [Fact]
    public void ToBinary_ReadFoundWithSiblings_RoundTripsWinnerClockAndSiblings()
    {
        var siblings = Siblings("winner"u8.ToArray());
        var reply = new ReadFound(siblings[0], ThreeNodeClock.Merge(siblings[0].Clock), siblings);

        var copy = RoundTrip(reply);

        copy.Winner.Should().Be(siblings[0]);
        copy.MergedClock.Should().Be(reply.MergedClock);
        copy.Siblings.Should().Equal(siblings);
        copy.Siblings[2].Tombstone.Should().BeTrue();
    }

    [Fact]
    public void ToBinary_ReadFoundWinnerAmongSiblings_CarriesItsOneMiBValueOnce()
    {
        var siblings = Siblings(OneMiBValue);
        var winner = new VersionedValue(OneMiBValue, siblings[0].Clock, siblings[0].TimestampMicros, siblings[0].CoordinatorId, false);
        var reply = new ReadFound(winner, VectorClock.Empty.Merge(siblings[0].Clock), siblings);
        var serializer = Serializer;

        var bytes = serializer.ToBinary(reply);
        var copy = (ReadFound)serializer.FromBinary(bytes, serializer.Manifest(reply));

        bytes.Length.Should().BeLessThan(OneMiB + 1024, "the winner is sent as an index into the siblings");
        copy.Winner.Should().BeSameAs(copy.Siblings[0]);
        copy.Winner.Value.Span.SequenceEqual(OneMiBValue).Should().BeTrue();
    }

    [Fact]
    public void ToBinary_ReadFoundWinnerNotAmongSiblings_CarriesItApart()
    {
        var siblings = Siblings("sibling"u8.ToArray());
        var winner = new VersionedValue("elsewhere"u8.ToArray(), ThreeNodeClock, 1_796_000_000_000_999, "coord-z", false);
        var reply = new ReadFound(winner, ThreeNodeClock, siblings);

        var copy = RoundTrip(reply);

        copy.Winner.Should().Be(winner);
        copy.Siblings.Should().Equal(siblings);
    }

    [Fact]
    public void ToBinary_ReadNotFoundWithTombstones_RoundTripsTheTombstoneSiblings()
    {
        var tombstones = new[]
        {
            new VersionedValue(ReadOnlyMemory<byte>.Empty, VectorClock.From([new ClockEntry("coord-a", 9)]), 1_796_000_000_000_010, "coord-a", true),
            new VersionedValue(ReadOnlyMemory<byte>.Empty, VectorClock.From([new ClockEntry("coord-b", 2)]), 1_796_000_000_000_020, "coord-b", true),
        };
        var reply = new ReadNotFound(SiblingSet.MergedClock(tombstones), tombstones);

        var copy = RoundTrip(reply);

        copy.MergedClock.Should().Be(reply.MergedClock);
        copy.Siblings.Should().Equal(tombstones);
        copy.Siblings.Should().OnlyContain(v => v.Tombstone);
    }

    [Fact]
    public void ToBinary_ReadNotFoundWithNothingStored_RoundTripsAnEmptyClock()
    {
        var copy = RoundTrip(new ReadNotFound(VectorClock.Empty, []));

        copy.MergedClock.IsEmpty.Should().BeTrue();
        copy.Siblings.Should().BeEmpty();
    }

    [Fact]
    public void Manifest_EveryCrossNodeMessage_IsShortAndDistinct()
    {
        object[] messages =
        [
            new WriteKey("t", "k", ReadOnlyMemory<byte>.Empty, false, Consistency.Quorum, 3, "i", true, Start.UtcDateTime),
            new ReadKey("t", "k", Consistency.Quorum, 3, Start.UtcDateTime),
            new WriteSucceeded(VectorClock.Empty, 3, Consistency.Quorum, "i", false),
            new WriteFailed(FailureKind.Internal, "m"),
            new ReadFound(Siblings([])[0], VectorClock.Empty, Siblings([])),
            new ReadNotFound(VectorClock.Empty, []),
            new ReadFailed(FailureKind.Internal, "m"),
        ];

        var manifests = messages.Select(Serializer.Manifest).ToArray();

        manifests.Should().OnlyHaveUniqueItems();
        manifests.Should().OnlyContain(m => m.Length > 0 && m.Length <= 5);
    }

    [Fact]
    public void Identifier_IsTheFixedClusterIdentifier()
    {
        Serializer.Identifier.Should().Be(7301);
        Serializer.IncludeManifest.Should().BeTrue();
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationExceptionNamingIt()
    {
        var act = () => Serializer.FromBinary([], "delete-key-v9");

        act.Should().Throw<SerializationException>().WithMessage("*'delete-key-v9'*newer build*");
    }

    [Fact]
    public void FromBinary_CorruptBytes_ThrowsSerializationException()
    {
        // Field 1 (tenant_id), wire type 2 (length-delimited), length 100, but only two bytes follow.
        byte[] truncated = [0x0A, 100, 0x41, 0x42];

        var act = () => Serializer.FromBinary(truncated, "wk");

        act.Should().Throw<SerializationException>().WithMessage("*'wk'*4 bytes*");
    }

    [Fact]
    public void FromBinary_MissingConsistency_ThrowsSerializationException()
    {
        var proto = new Wire.ReadKey { TenantId = "t", Key = "k", ReplicationFactor = 3, RemainingMicros = 1000 };

        var act = () => Serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(proto), "rk");

        act.Should().Throw<SerializationException>().WithMessage("*consistency 0*");
    }

    [Fact]
    public void FromBinary_WinnerIndexOutOfRange_ThrowsSerializationException()
    {
        var proto = new Wire.ReadFound { WinnerIndex = 3 };

        var act = () => Serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(proto), "rok");

        act.Should().Throw<SerializationException>().WithMessage("*sibling 3*0 siblings*");
    }

    [Fact]
    public void ToBinary_UnboundMessage_ThrowsArgumentException()
    {
        var act = () => Serializer.ToBinary(new StartAggregation());

        act.Should().Throw<ArgumentException>().WithMessage("*StartAggregation*");
    }

    private T RoundTrip<T>(T message)
        where T : notnull
    {
        var serializer = Serializer;
        return (T)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
    }
}
