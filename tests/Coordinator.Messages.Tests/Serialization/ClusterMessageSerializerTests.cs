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

    [Fact]
    public void ToBinary_WriteKeyWithContextAndTtl_RoundTripsThem()
    {
        var command = new WriteKey("t", "k", new byte[] { 1 }, false, Consistency.Quorum, 3, "i", true, Start.UtcDateTime.AddSeconds(1),
            Context: ThreeNodeClock, TtlMillis: 90_000);

        var copy = RoundTrip(command);

        copy.Context.Should().Be(ThreeNodeClock);
        (copy.IfClock, copy.IfAbsent, copy.TtlMillis).Should().Be((null, false, 90_000L));
    }

    [Fact]
    public void ToBinary_WriteKeyWithEmptyIfClock_KeepsTheEmptyClockApartFromNone()
    {
        var command = new WriteKey("t", "k", new byte[] { 1 }, false, Consistency.Quorum, 3, "i", true, Start.UtcDateTime.AddSeconds(1),
            IfClock: VectorClock.Empty);

        var copy = RoundTrip(command);

        copy.IfClock.Should().Be(VectorClock.Empty);
        copy.Context.Should().BeNull();
    }

    [Fact]
    public void ToBinary_WriteKeyIfAbsent_RoundTripsTheCondition()
    {
        var command = new WriteKey("t", "k", new byte[] { 1 }, false, Consistency.One, 3, "i", true, Start.UtcDateTime.AddSeconds(1), IfAbsent: true);

        RoundTrip(command).IfAbsent.Should().BeTrue();
    }

    [Fact]
    public void ToBinary_WriteConditionFailed_RoundTripsTheCurrentClock()
    {
        var reply = new WriteConditionFailed(ThreeNodeClock, Exists: true, "Condition if_absent does not hold.");

        RoundTrip<WriteReply>(reply).Should().Be(reply);
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

    [Fact]
    public void Manifest_EveryCrossNodeMessage_IsShortAndDistinct()
    {
        object[] messages =
        [
            new WriteKey("t", "k", ReadOnlyMemory<byte>.Empty, false, Consistency.Quorum, 3, "i", true, Start.UtcDateTime),
            new WriteSucceeded(VectorClock.Empty, 3, Consistency.Quorum, "i", false),
            new WriteFailed(FailureKind.Internal, "m"),
            new WriteConditionFailed(VectorClock.Empty, false, "m"),
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
        var proto = new Wire.WriteKey { TenantId = "t", Key = "k", ReplicationFactor = 3, RemainingMicros = 1000 };

        var act = () => Serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(proto), "wk");

        act.Should().Throw<SerializationException>().WithMessage("*consistency 0*");
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
