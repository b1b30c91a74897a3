using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Edge;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Edge.Batches;

public sealed class BatchResultsTests
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(200.4);

    [Fact]
    public void Status_NoFailure_Ok()
    {
        var status = BatchResults.Status("BatchRead", null, RetryAfter);

        (status.Code, status.Message, status.RetryAfterMs).Should().Be((0, string.Empty, 0L));
        status.ConditionFailed.Should().BeNull();
    }

    [Theory]
    [InlineData(FailureKind.Overloaded, StatusCode.ResourceExhausted, 201L)]
    [InlineData(FailureKind.QuorumNotReached, StatusCode.Unavailable, 0L)]
    [InlineData(FailureKind.DeadlineExceeded, StatusCode.DeadlineExceeded, 0L)]
    [InlineData(FailureKind.IdempotencyInProgress, StatusCode.Aborted, 0L)]
    public void Status_Failure_CodeAndMessageAsTheSingleCallWithRetryAfterOnlyForOverload(FailureKind kind, StatusCode code, long retryAfterMs)
    {
        var status = BatchResults.Status("BatchWrite", KeyFailure.Of(kind, "why"), RetryAfter);

        (status.Code, status.Message, status.RetryAfterMs).Should().Be(((int)code, "why", retryAfterMs));
    }

    [Fact]
    public void Status_ConditionFailed_CarriesTheCurrentClock()
    {
        var failure = KeyFailure.ConditionFailed(new WriteConditionFailed(VectorClock.From([new ClockEntry("coord-a", 3)]), Exists: true, "Condition failed."));

        var status = BatchResults.Status("BatchWrite", failure, RetryAfter);

        status.Code.Should().Be((int)StatusCode.FailedPrecondition);
        status.ConditionFailed.Exists.Should().BeTrue();
        status.ConditionFailed.CurrentClock.Entries.Should().ContainSingle().Which.LogicalTimestamp.Should().Be(3);
    }
}
