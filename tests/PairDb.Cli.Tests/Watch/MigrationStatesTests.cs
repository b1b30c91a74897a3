using FluentAssertions;
using PairDb.Cli.Watch;

namespace PairDb.Cli.Tests.Watch;

public sealed class MigrationStatesTests
{
    [Theory]
    [InlineData("completed", MigrationOutcome.Completed)]
    [InlineData("COMPLETED", MigrationOutcome.Completed)]
    [InlineData("failed", MigrationOutcome.Failed)]
    [InlineData("cancelled", MigrationOutcome.Cancelled)]
    [InlineData("canceled", MigrationOutcome.Cancelled)]
    [InlineData("pending", MigrationOutcome.Running)]
    [InlineData("in_progress", MigrationOutcome.Running)]
    [InlineData("", MigrationOutcome.Running)]
    [InlineData("something-new", MigrationOutcome.Running)]
    public void Outcome_Status_ClassifiesTerminalStates(string status, MigrationOutcome expected)
    {
        // Act / Assert
        MigrationStates.Outcome(status).Should().Be(expected);
        MigrationStates.IsTerminal(status).Should().Be(expected != MigrationOutcome.Running);
    }
}
