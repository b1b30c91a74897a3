using Akka.Actor;
using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Edge;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using ConditionDetail = PairDb.Protocol.Coordinator.WriteConditionFailed;

namespace PairDb.Coordinator.Tests.Edge.Batches;

public sealed class KeyFailureTests
{
    [Fact]
    public void ToRpcException_ConditionFailed_StatusDetailCarriesTheCurrentClock()
    {
        var failure = KeyFailure.ConditionFailed(new WriteConditionFailed(VectorClock.From([new ClockEntry("coord-a", 2)]), Exists: false, "The key changed."));

        var error = failure.ToRpcException();

        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().Be("The key changed.");
        var detail = error.GetRpcStatus()!.GetDetail<ConditionDetail>();
        detail.Exists.Should().BeFalse();
        detail.CurrentClock.Entries.Should().ContainSingle().Which.CoordinatorNodeId.Should().Be("coord-a");
    }

    [Fact]
    public void ToRpcException_PlainFailure_NoDetail()
    {
        var error = KeyFailure.Of(FailureKind.QuorumNotReached, "1 of 3 answered.").ToRpcException();

        (error.StatusCode, error.Status.Detail).Should().Be((StatusCode.Unavailable, "1 of 3 answered."));
        error.GetRpcStatus().Should().BeNull();
    }

    [Fact]
    public void FromAsk_AskTimeout_DeadlineExceeded_OtherErrorsPropagate()
    {
        KeyFailure.FromAsk(new AskTimeoutException("late"))!.Code.Should().Be(StatusCode.DeadlineExceeded);
        KeyFailure.FromAsk(new InvalidOperationException("bug")).Should().BeNull();
    }
}
