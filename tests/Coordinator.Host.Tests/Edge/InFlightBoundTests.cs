using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Edge;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>The edge's bound on key requests in flight: refused at once past it, free again when a request ends.</summary>
public sealed class InFlightBoundTests
{
    [Fact]
    public void Enter_PastTheBound_RefusedResourceExhaustedAndCountedUntilASlotIsGivenBack()
    {
        // Arrange
        var bound = new InFlightBound(2);
        var first = bound.Enter();
        using var second = bound.Enter();

        // Act
        var third = () => bound.Enter();

        // Assert
        third.Should().Throw<RpcException>().Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        (bound.InFlight, bound.Refused).Should().Be((2, 1), "a refused request holds no slot");
        first.Dispose();
        using var again = bound.Enter();
        bound.InFlight.Should().Be(2);
    }

    [Fact]
    public void EnterCount_NotEnoughFree_RefusesAllAndTakesNone()
    {
        // Arrange
        var bound = new InFlightBound(10);
        using var single = bound.Enter();
        var batch = bound.Enter(8);

        // Act
        var tooMany = () => bound.Enter(2);

        // Assert
        tooMany.Should().Throw<RpcException>().Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        (bound.InFlight, bound.Refused).Should().Be((9, 2), "a refused batch takes no slot and counts each of its items");
        batch.Dispose();
        bound.InFlight.Should().Be(1, "a batch gives back all its slots at once");
        using var zero = bound.Enter(0);
        bound.InFlight.Should().Be(1);
    }
}
