using FluentAssertions;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Client;

/// <summary>examples/ShoppingCart and examples/Counter, built with the solution, run against the one-command cluster.</summary>
[Collection(OneCommandCoordinatorCollection.Name)]
public sealed class ExamplesTests(OneCommandCoordinator coordinator)
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ShoppingCart_ConcurrentAdditions_TwoSiblingsMergedIntoOneCart()
    {
        // Act
        var run = await ChildProcess.RunAsync("dotnet", [RepoPaths.ExampleDll("ShoppingCart"), coordinator.Address], RepoPaths.Root, RunBound);

        // Assert
        run.ExitCode.Should().Be(0, run.Describe());
        run.StandardOutput.Should().Contain("siblings: 2").And.Contain("merged: bread, eggs, milk (siblings 0");
    }

    [Fact]
    public async Task Counter_ConcurrentConditionalIncrements_FinalValueEqualsTheSuccessfulIncrements()
    {
        // Act: the address from the environment, as the example also accepts it.
        var run = await ChildProcess.RunAsync(
            "dotnet", [RepoPaths.ExampleDll("Counter")], RepoPaths.Root, RunBound, new Dictionary<string, string> { ["PAIRDB_COORDINATOR"] = coordinator.Address });

        // Assert
        run.ExitCode.Should().Be(0, run.Describe());
        run.StandardOutput.Should().MatchRegex(@"final (\d+), \1 increments succeeded", "8 tasks x 5 increments, each given 100 tries");
    }
}
