using FluentAssertions;
using PairDb.Storage.Tests.Support;
using PairDb.Tests.Shared.Wire;

namespace PairDb.Storage.Tests.Service;

/// <summary>A grpc-timeout far in the future (past what .NET timers take, about 49 days) is clamped, not a broken call.</summary>
public sealed class FarDeadlineTests : WireNodeTest
{
    [Theory]
    [InlineData("2000H")]
    [InlineData("99999999H")]
    public async Task Write_FarGrpcTimeout_AnswersOk(string timeout)
    {
        // Write {tenant_id "t", key "k", version {value "v", clock [{node_id "a", counter 1}], timestamp_micros 1, coordinator_id "c"}}
        byte[] write = [0x0A, 0x01, (byte)'t', 0x12, 0x01, (byte)'k', 0x1A, 0x0F, 0x0A, 0x01, (byte)'v', 0x12, 0x05, 0x0A, 0x01, (byte)'a', 0x10, 0x01, 0x18, 0x01, 0x22, 0x01, (byte)'c'];

        var answer = await RawGrpc.UnaryAsync(Node.Address, "/storage.StorageNodeService/Write", write, timeout);

        answer.HttpStatus.Should().Be(200);
        answer.GrpcStatus.Should().Be("0", answer.GrpcMessage);
    }
}
