using FluentAssertions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PairDb.Client.Internal;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client.Tests.Internal;

public sealed class ErrorMappingTests
{
    [Fact]
    public void ToException_FailedPreconditionWithConditionDetail_ConditionFailedWithTheCurrentClock()
    {
        // Arrange: what the coordinator sends when an if_clock did not hold.
        var detail = new WriteConditionFailed
        {
            CurrentClock = new VectorClock { Entries = { new VectorClockEntry { CoordinatorNodeId = "coord-1", LogicalTimestamp = 7 } } },
            Exists = true,
        };
        var status = new Google.Rpc.Status { Code = (int)StatusCode.FailedPrecondition, Message = "clock moved", Details = { Any.Pack(detail) } };

        // Act
        var error = ErrorMapping.ToException(status.ToRpcException());

        // Assert
        var failed = error.Should().BeOfType<PairDbConditionFailedException>().Subject;
        failed.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        failed.Message.Should().Be("clock moved");
        failed.CurrentClock.ToString().Should().Be("coord-1:7");
        failed.Exists.Should().BeTrue();
    }

    [Fact]
    public void ToException_FailedPreconditionWithoutDetail_PlainException()
    {
        // Act: an idempotency key reused for another request.
        var error = ErrorMapping.ToException(new RpcException(new Status(StatusCode.FailedPrecondition, "conflict")));

        // Assert
        error.Should().BeOfType<PairDbException>().Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
    }

    [Fact]
    public void ToException_ItemStatuses_OkIsNullConditionAndOthersMapped()
    {
        // Act
        var ok = ErrorMapping.ToException(new ItemStatus { Code = 0 });
        var condition = ErrorMapping.ToException(new ItemStatus
        {
            Code = (int)StatusCode.FailedPrecondition,
            Message = "exists",
            ConditionFailed = new WriteConditionFailed { Exists = true },
        });
        var overloaded = ErrorMapping.ToException(new ItemStatus { Code = (int)StatusCode.ResourceExhausted, Message = "busy", RetryAfterMs = 200 });

        // Assert
        ok.Should().BeNull();
        condition.Should().BeOfType<PairDbConditionFailedException>().Which.CurrentClock.IsEmpty.Should().BeTrue();
        overloaded!.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        overloaded.Message.Should().Be("busy");
    }
}
