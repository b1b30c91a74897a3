using FluentAssertions;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Coordinator.Tests.Observability;
using PairDb.Tests.Shared.Wire;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// A body that is not a protobuf message of the method's request type is the client's error: INVALID_ARGUMENT saying
/// so, and nothing logged above Information (grpc-dotnet alone answers UNKNOWN and logs an error per such call).
/// </summary>
public sealed class MalformedRequestTests
{
    private const string WritePath = "/proto.CoordinatorService/WriteKeyValue";

    public static TheoryData<string, byte[]> Bodies => new()
    {
        // Field 2 (key) claims 10 bytes, and 2 follow.
        { "truncated field", [0x12, 0x0A, 0x6B, 0x6B] },
        // A varint of eleven bytes: longer than any 64-bit value.
        { "overlong varint", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        // Field number 0, which no message may use.
        { "field zero", [0x02, 0x01, 0x00] },
        // Wire type 7 does not exist.
        { "unknown wire type", [0x0F, 0x00] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task WriteKeyValue_BodyNotAMessage_InvalidArgumentNamingTheTypeAndNoErrorLogged(string shape, byte[] body)
    {
        // Arrange
        using var logs = new CapturingLoggerProvider();
        var coordinator = await InProcessCoordinator.StartAsync(logs);
        RawGrpcAnswer answer;

        // Act
        try
        {
            answer = await RawGrpc.UnaryAsync(coordinator.Address, WritePath, body);
        }
        finally
        {
            await coordinator.DisposeAsync();
        }

        // Assert
        answer.GrpcStatus.Should().Be(((int)StatusCode.InvalidArgument).ToString(), "{0}: {1}", shape, answer.GrpcMessage);
        answer.GrpcMessage.Should().Contain("not a valid proto.WriteKeyValueRequest message");
        logs.Entries.Where(static e => e.Level > LogLevel.Information).Select(static e => e.Category + ": " + e.AllText).Should().BeEmpty();
    }
}
