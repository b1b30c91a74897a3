using Akka.Actor;
using FluentAssertions;
using PairDb.Coordinator.Composition;

namespace PairDb.Coordinator.Tests.Composition;

/// <summary>The coordinator's exit code by why its actor system stopped.</summary>
public sealed class CoordinatorExitTests
{
    [Fact]
    public async Task After_DownedByTheCluster_IsTheDownedCode()
    {
        // Arrange
        using var system = ActorSystem.Create("exit-downed");

        // Act
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterDowningReason.Instance);

        // Assert
        CoordinatorExit.After(system).Should().Be(CoordinatorExit.Downed).And.NotBe(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_StoppedOrLeftOnRequest_IsZero(bool left)
    {
        // Arrange
        using var system = ActorSystem.Create("exit-requested");

        // Act
        await CoordinatedShutdown.Get(system).Run(left ? CoordinatedShutdown.ClusterLeavingReason.Instance : CoordinatedShutdown.ActorSystemTerminateReason.Instance);

        // Assert
        CoordinatorExit.After(system).Should().Be(0);
    }
}
