using FluentAssertions;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Tests.Support;
using PairDb.Cli.Watch;

namespace PairDb.Cli.Tests.Watch;

public sealed class MigrationProgressLinesTests
{
    [Fact]
    public void Report_RepeatedState_PrintsOneLinePerChange()
    {
        // Arrange
        using var writer = new StringWriter();
        var lines = new MigrationProgressLines(new OutputWriter(OutputFormat.Table, CliRunner.CreateConsole(writer), writer));

        // Act
        lines.Report(State("in_progress", 10, 100));
        lines.Report(State("in_progress", 10, 100));
        lines.Report(State("in_progress", 50, 500));
        lines.Report(State("completed", 100, 1000));

        // Assert
        writer.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n').Should().Equal(
            "migration m-1: in_progress, streaming, 10.0% (100/1,000 keys)",
            "migration m-1: in_progress, streaming, 50.0% (500/1,000 keys)",
            "migration m-1: completed, done, 100.0% (1,000/1,000 keys)");
    }

    [Fact]
    public void Report_JsonOutput_PrintsNothing()
    {
        // Arrange
        using var writer = new StringWriter();
        var lines = new MigrationProgressLines(new OutputWriter(OutputFormat.Json, CliRunner.CreateConsole(writer), writer));

        // Act
        lines.Report(State("in_progress", 10, 100));

        // Assert
        writer.ToString().Should().BeEmpty();
    }

    private static MigrationView State(string status, float percentage, long migrated) =>
        ProtoViews.Migration(Samples.Migration("m-1", status, percentage, migrated));
}
