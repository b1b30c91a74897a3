using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using PairDb.Tests.Shared.Wire;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// Strings that are not UTF-8, sent as raw bytes (no client library would encode them): protobuf's C# parser would
/// replace them with U+FFFD, so different keys would collide. Each is refused, naming the field, and nothing is written.
/// </summary>
public sealed class InvalidUtf8Tests : CoordinatorWireTest
{
    private const string WritePath = "/proto.CoordinatorService/WriteKeyValue";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task WriteKeyValue_KeysDifferingOnlyInInvalidBytes_BothRefusedNamingKeyAndNothingWritten()
    {
        // Arrange: key 6b ff, then 6b fe; neither byte starts any UTF-8 sequence, and both would decode to "k\uFFFD".
        byte[] first = [.. Field(1, "default"u8), .. Field(2, 0x6B, 0xFF), .. Field(3, "one"u8)];
        byte[] second = [.. Field(1, "default"u8), .. Field(2, 0x6B, 0xFE), .. Field(3, "two"u8)];

        // Act
        var answers = new[]
        {
            await RawGrpc.UnaryAsync(Coordinator.Address, WritePath, first),
            await RawGrpc.UnaryAsync(Coordinator.Address, WritePath, second),
        };

        // Assert
        foreach (var answer in answers)
        {
            answer.GrpcStatus.Should().Be(((int)StatusCode.InvalidArgument).ToString(), answer.GrpcMessage);
            answer.GrpcMessage.Should().Contain("key").And.Contain("UTF-8");
        }

        var read = () => Coordinator.Client.ReadKeyValueAsync(
            new ReadKeyValueRequest { TenantId = "default", Key = "k\uFFFD" }, deadline: DateTime.UtcNow + Bound).ResponseAsync;
        (await read.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Theory]
    [InlineData(1, "tenant_id")]
    [InlineData(4, "consistency")]
    [InlineData(5, "idempotency_key")]
    public async Task WriteKeyValue_OtherFieldNotUtf8_InvalidArgumentNamingTheField(int field, string name)
    {
        // A lone continuation byte (0x80) in the field under test; every other field is valid.
        var fields = new List<byte>();
        fields.AddRange(field == 1 ? Field(1, 0x74, 0x80) : Field(1, "default"u8));
        fields.AddRange(Field(2, "k"u8));
        fields.AddRange(Field(3, "v"u8));
        fields.AddRange(field == 4 ? Field(4, 0x80) : Field(4, "one"u8));
        fields.AddRange(field == 5 ? Field(5, 0x69, 0x80) : Field(5, "id"u8));

        var answer = await RawGrpc.UnaryAsync(Coordinator.Address, WritePath, [.. fields]);

        answer.GrpcStatus.Should().Be(((int)StatusCode.InvalidArgument).ToString(), answer.GrpcMessage);
        answer.GrpcMessage.Should().Contain(name).And.Contain("UTF-8");
        var read = () => Coordinator.Client.ReadKeyValueAsync(new ReadKeyValueRequest { TenantId = "default", Key = "k" }, deadline: DateTime.UtcNow + Bound).ResponseAsync;
        (await read.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    /// <summary>A length-delimited field (wire type 2) with a one-byte tag and length: enough for these small messages.</summary>
    private static byte[] Field(int number, params ReadOnlySpan<byte> payload) => [(byte)((number << 3) | 2), (byte)payload.Length, .. payload];
}
