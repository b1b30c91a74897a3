using System.Buffers;
using FluentAssertions;
using Google.Protobuf;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting.RequestCheck;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;

namespace PairDb.Storage.Tests.Hosting;

/// <summary>The walk over raw message bytes that finds a string field that is not UTF-8, by its path.</summary>
public sealed class Utf8WireCheckTests
{
    private static readonly Utf8MessagePlan WritePlan = Utf8MessagePlan.For(WriteRequest.Descriptor);

    [Fact]
    public void FirstInvalidField_ValidStringsAndLargeValue_Null()
    {
        var request = new WriteRequest { TenantId = "tenant-é", Key = "ключ/😀", Version = Version(new string('v', 100_000), 1, ("coord-ü", 1)) };

        Utf8WireCheck.FirstInvalidField(new ReadOnlySequence<byte>(request.ToByteArray()), WritePlan).Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void FirstInvalidField_InvalidNestedStringAcrossSegments_ItsPath(int chunk)
    {
        // Repair {tenant_id "t", key "k", versions [valid, {clock [{node_id "ab" then 0xFF}]}]}: the bad byte is patched in.
        var repair = new RepairRequest { TenantId = "t", Key = "k" };
        repair.Versions.Add(Version("v", 1, ("a", 1)));
        repair.Versions.Add(Version("w", 2, ("abz", 1)));
        var bytes = repair.ToByteArray();
        bytes[Array.LastIndexOf(bytes, (byte)'z')] = 0xFF;

        var path = Utf8WireCheck.FirstInvalidField(ChunkedSequence.Of(bytes, chunk), Utf8MessagePlan.For(RepairRequest.Descriptor));

        path.Should().Be("versions.clock.node_id");
    }

    [Fact]
    public void FirstInvalidField_TruncatedMessage_NullLeavingTheRefusalToTheParser()
    {
        var bytes = new WriteRequest { TenantId = "t", Key = "key" }.ToByteArray();

        Utf8WireCheck.FirstInvalidField(new ReadOnlySequence<byte>(bytes.AsMemory(0, bytes.Length - 2)), WritePlan).Should().BeNull();
    }

    [Fact]
    public void FirstInvalidField_OverlongEncodingOfSlash_Key()
    {
        // WriteRequest {tenant_id "t", key C0 AF}: an overlong '/' is not UTF-8, although a lax decoder reads it as '/'.
        byte[] bytes = [0x0A, 0x01, (byte)'t', 0x12, 0x02, 0xC0, 0xAF];

        Utf8WireCheck.FirstInvalidField(new ReadOnlySequence<byte>(bytes), WritePlan).Should().Be("key");
    }

    [Fact]
    public void For_MessageWithoutStrings_HasStringsFalse() =>
        Utf8MessagePlan.For(HealthCheckRequest.Descriptor).HasStrings.Should().BeFalse();

    [Fact]
    public void For_RecursiveMessageType_Terminates() =>
        Utf8MessagePlan.For(Google.Protobuf.WellKnownTypes.Struct.Descriptor).HasStrings.Should().BeTrue();
}
