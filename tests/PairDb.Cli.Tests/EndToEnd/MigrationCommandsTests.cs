using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class MigrationCommandsTests : EndToEndTest
{
    public MigrationCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task MigrationStatus_NoWatch_PrintsOnceAndExitsZeroEvenIfRunning()
    {
        // Arrange
        Fake.GetMigrationStatus = static r => Samples.Migration(r.MigrationId, "in_progress", 25, 250);

        // Act
        var result = await Cli.RunAsync("migration", "status", "m-1");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("in_progress").And.Contain("25.0% (250/1,000 keys)");
        Fake.Received<GetMigrationStatusRequest>().Should().ContainSingle();
    }

    [Fact]
    public async Task MigrationStatus_WatchAdvancesToCompleted_ExitsZero()
    {
        // Arrange: the percentage advances with each poll.
        var polls = 0;
        Fake.GetMigrationStatus = r =>
        {
            polls++;
            return polls < 5
                ? Samples.Migration(r.MigrationId, "in_progress", polls * 20, polls * 200)
                : Samples.Migration(r.MigrationId, "completed", 100, 1000);
        };

        // Act
        var result = await Cli.RunAsync("migration", "status", "m-1", "--watch", "--interval", "10ms");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("20.0% (200/1,000 keys)").And.Contain("80.0% (800/1,000 keys)").And.Contain("completed");
        polls.Should().Be(5);
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task MigrationStatus_WatchFails_ExitsFiveWithReasonOnStderr()
    {
        // Arrange
        var polls = 0;
        Fake.GetMigrationStatus = r => ++polls < 3
            ? Samples.Migration(r.MigrationId, "in_progress", polls * 10, polls * 100)
            : Samples.Migration(r.MigrationId, "failed", 20, 200, reason: "target node storage-4 unreachable");

        // Act
        var result = await Cli.RunAsync("migration", "status", "m-2", "--watch", "--interval", "10ms");

        // Assert
        result.ExitCode.Should().Be(5, result.ToString());
        result.Stderr.Should().Be("pairdb: migration m-2: failed: target node storage-4 unreachable" + Environment.NewLine);
        result.Stdout.Should().Contain("target node storage-4 unreachable");
    }

    [Fact]
    public async Task MigrationStatus_WatchJson_PrintsOnlyTheFinalDocument()
    {
        // Arrange
        var polls = 0;
        Fake.GetMigrationStatus = r => ++polls < 3
            ? Samples.Migration(r.MigrationId, "in_progress", 50, 500)
            : Samples.Migration(r.MigrationId, "completed", 100, 1000);

        // Act
        var result = await Cli.RunAsync("migration", "status", "m-3", "--watch", "--interval", "10ms", "--output", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("status").GetString().Should().Be("completed");
        json.GetProperty("percentage").GetDouble().Should().Be(100);
    }

    [Fact]
    public async Task MigrationStatus_WatchOnTerminal_DrawsProgressBarToCompletion()
    {
        // Arrange: a console that claims a live terminal gets the Spectre progress bar.
        Cli.Interactive = true;
        var polls = 0;
        Fake.GetMigrationStatus = r => ++polls < 3
            ? Samples.Migration(r.MigrationId, "in_progress", polls * 30, polls * 300)
            : Samples.Migration(r.MigrationId, "completed", 100, 1000);

        // Act
        var result = await Cli.RunAsync("migration", "status", "m-4", "--watch", "--interval", "10ms");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("migration m-4 (completed, done)").And.Contain("100%");
        polls.Should().Be(3);
    }

    [Fact]
    public async Task MigrationStatus_Unknown_ExitsNotFound()
    {
        // Arrange
        Fake.GetMigrationStatus = static r => throw new RpcException(new Status(StatusCode.NotFound, $"Migration '{r.MigrationId}' not found."));

        // Act
        var result = await Cli.RunAsync("migration", "status", "nope", "--watch");

        // Assert
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("pairdb: migration status nope: NOT_FOUND: Migration 'nope' not found." + Environment.NewLine);
    }

    [Fact]
    public async Task MigrationStatus_CoordinatorGoesAwayMidWatch_ExitsUnavailable()
    {
        // Arrange
        var polls = 0;
        Fake.GetMigrationStatus = r => ++polls < 3
            ? Samples.Migration(r.MigrationId, "in_progress", 10, 100)
            : throw new RpcException(new Status(StatusCode.Unavailable, "coordinator shutting down"));

        // Act
        var result = await Cli.RunAsync("migration", "status", "m-5", "--watch", "--interval", "10ms");

        // Assert
        result.ExitCode.Should().Be(4, result.ToString());
        result.Stderr.Should().Be("pairdb: migration status m-5: UNAVAILABLE: coordinator shutting down" + Environment.NewLine);
    }

    [Theory]
    [InlineData(new[] { "migration", "list" }, false)]
    [InlineData(new[] { "migration", "list", "--active" }, true)]
    public async Task MigrationList_ActiveFlag_SentAsActiveOnly(string[] args, bool expectedActiveOnly)
    {
        // Arrange
        Fake.ListMigrations = static _ => new ListMigrationsResponse { Success = true, Migrations = { Samples.Migration("m-9", "in_progress", 5) } };

        // Act
        var result = await Cli.RunAsync(args);

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<ListMigrationsRequest>().Single().ActiveOnly.Should().Be(expectedActiveOnly);
        result.Stdout.Should().Contain("m-9");
    }
}
