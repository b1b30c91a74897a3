using FluentAssertions;
using Grpc.Core;
using PairDb.Protocol.Storage;
using PairDb.Storage.Tests.Support;
using PairDb.Tests.Shared.Wire;

namespace PairDb.Storage.Tests.Service;

/// <summary>
/// Strings that are not UTF-8, sent as raw bytes: protobuf's C# parser would replace them with U+FFFD, so two keys
/// would land on one. Each is refused with INVALID_ARGUMENT naming the field (nested ones by their path); nothing is stored.
/// </summary>
public sealed class InvalidUtf8Tests : WireNodeTest
{
    private const string WritePath = "/storage.StorageNodeService/Write";

    // Version {value "v", clock [{node_id "a", counter 1}], timestamp_micros 1, coordinator_id "c"}
    private static readonly byte[] ValidVersion = [0x0A, 0x01, (byte)'v', 0x12, 0x05, 0x0A, 0x01, (byte)'a', 0x10, 0x01, 0x18, 0x01, 0x22, 0x01, (byte)'c'];

    [Fact]
    public async Task Write_KeysDifferingOnlyInInvalidBytes_BothRefusedNamingKeyAndNothingStored()
    {
        // Arrange: key 6b ff, then 6b fe; both would decode to "k\uFFFD".
        byte[] first = [0x0A, 0x01, (byte)'t', 0x12, 0x02, 0x6B, 0xFF, 0x1A, (byte)ValidVersion.Length, .. ValidVersion];
        byte[] second = [0x0A, 0x01, (byte)'t', 0x12, 0x02, 0x6B, 0xFE, 0x1A, (byte)ValidVersion.Length, .. ValidVersion];

        // Act
        var answers = new[] { await RawGrpc.UnaryAsync(Node.Address, WritePath, first), await RawGrpc.UnaryAsync(Node.Address, WritePath, second) };

        // Assert
        foreach (var answer in answers)
        {
            answer.GrpcStatus.Should().Be(((int)StatusCode.InvalidArgument).ToString(), answer.GrpcMessage);
            answer.GrpcMessage.Should().Contain("key").And.Contain("UTF-8");
        }

        (await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k\uFFFD" })).Found.Should().BeFalse();
    }

    [Fact]
    public async Task Write_ClockNodeIdNotUtf8_InvalidArgumentNamingItsPath()
    {
        // Version {value "v", clock [{node_id 61 80, counter 1}], timestamp_micros 1, coordinator_id "c"}
        byte[] version = [0x0A, 0x01, (byte)'v', 0x12, 0x06, 0x0A, 0x02, 0x61, 0x80, 0x10, 0x01, 0x18, 0x01, 0x22, 0x01, (byte)'c'];
        byte[] write = [0x0A, 0x01, (byte)'t', 0x12, 0x01, (byte)'k', 0x1A, (byte)version.Length, .. version];

        var answer = await RawGrpc.UnaryAsync(Node.Address, WritePath, write);

        answer.GrpcStatus.Should().Be(((int)StatusCode.InvalidArgument).ToString(), answer.GrpcMessage);
        answer.GrpcMessage.Should().Contain("version.clock.node_id").And.Contain("UTF-8");
        (await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k" })).Found.Should().BeFalse();
    }

    [Fact]
    public async Task Write_ValidBytes_Stored()
    {
        byte[] write = [0x0A, 0x01, (byte)'t', 0x12, 0x02, 0xC3, 0xA9, 0x1A, (byte)ValidVersion.Length, .. ValidVersion];

        var answer = await RawGrpc.UnaryAsync(Node.Address, WritePath, write);

        answer.GrpcStatus.Should().Be("0", answer.GrpcMessage);
        (await Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "é" })).Found.Should().BeTrue();
    }
}
