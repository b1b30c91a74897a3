using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Tests.Support;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Tests.EndToEnd;

public sealed class RepairCommandsTests : EndToEndTest
{
    public RepairCommandsTests(FakeCoordinatorServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Status_Table_AsksWithoutRangesAndPrintsTheSummary()
    {
        // Arrange
        Fake.GetRepairStatus = static r => RepairSamples.Status(r.IncludeRanges);

        // Act
        var result = await Cli.RunAsync("repair", "status");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<GetRepairStatusRequest>().Single().IncludeRanges.Should().BeFalse();
        result.Stdout.Should().Contain("#12, started 2026-11-21 10:10:00Z").And.Contain("1 synced, 1 failed of 3").And.NotContain("REPLICAS");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Status_Ranges_AsksForRangesAndPrintsTheTable()
    {
        // Arrange
        Fake.GetRepairStatus = static r => RepairSamples.Status(r.IncludeRanges);

        // Act
        var result = await Cli.RunAsync("repair", "status", "--ranges");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        Fake.Received<GetRepairStatusRequest>().Single().IncludeRanges.Should().BeTrue();
        result.Stdout.Should().Contain("0x8000000000000001").And.Contain("unavailable").And.Contain("3 ranges");
    }

    [Fact]
    public async Task Status_JsonWithRanges_OneDocumentWithEveryRange()
    {
        // Arrange
        Fake.GetRepairStatus = static r => RepairSamples.Status(r.IncludeRanges);

        // Act
        var result = await Cli.RunAsync("repair", "status", "--ranges", "-o", "json");

        // Assert
        result.ExitCode.Should().Be(0, result.ToString());
        var json = Json(result);
        json.GetProperty("pass_number").GetInt64().Should().Be(12);
        json.GetProperty("ranges").GetArrayLength().Should().Be(3);
        json.GetProperty("ranges")[0].GetProperty("start").GetUInt64().Should().Be(RepairSamples.HighStart);
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied, 7)]
    [InlineData(StatusCode.Unimplemented, 6)]
    [InlineData(StatusCode.Unavailable, 4)]
    public async Task Status_Failure_OneLineAndItsExitCode(StatusCode status, int exitCode)
    {
        // Arrange
        Fake.GetRepairStatus = _ => throw new RpcException(new Status(status, "no"));

        // Act
        var result = await Cli.RunAsync("repair", "status");

        // Assert
        result.ExitCode.Should().Be(exitCode);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Trim().Should().StartWith("pairdb: repair status:").And.NotContain("\n");
    }
}
