using FluentAssertions;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Tests.Shared.Wire;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>A grpc-timeout far in the future (past what .NET timers take, about 49 days) is clamped, not a broken call.</summary>
public sealed class FarDeadlineTests : CoordinatorWireTest
{
    [Theory]
    [InlineData("2000H")]
    [InlineData("99999999H")]
    [InlineData("99999999S")]
    public async Task WriteKeyValue_FarGrpcTimeout_AnswersOk(string timeout)
    {
        // WriteKeyValue {tenant_id "default", key "k", value "v"}
        byte[] write = [0x0A, 0x07, .. "default"u8, 0x12, 0x01, (byte)'k', 0x1A, 0x01, (byte)'v'];

        var answer = await RawGrpc.UnaryAsync(Coordinator.Address, "/proto.CoordinatorService/WriteKeyValue", write, timeout);

        answer.HttpStatus.Should().Be(200);
        answer.GrpcStatus.Should().Be("0", answer.GrpcMessage);
    }
}
