using FluentAssertions;
using Grpc.Core;
using PairDb.Cli.Errors;

namespace PairDb.Cli.Tests.Errors;

public sealed class ExitCodeMapTests
{
    [Theory]
    [InlineData(StatusCode.OK, 0)]
    [InlineData(StatusCode.NotFound, 2)]
    [InlineData(StatusCode.InvalidArgument, 3)]
    [InlineData(StatusCode.FailedPrecondition, 3)]
    [InlineData(StatusCode.AlreadyExists, 3)]
    [InlineData(StatusCode.Unavailable, 4)]
    [InlineData(StatusCode.DeadlineExceeded, 4)]
    [InlineData(StatusCode.Cancelled, 6)]
    [InlineData(StatusCode.Unknown, 6)]
    [InlineData(StatusCode.PermissionDenied, 7)]
    [InlineData(StatusCode.ResourceExhausted, 6)]
    [InlineData(StatusCode.Aborted, 6)]
    [InlineData(StatusCode.OutOfRange, 6)]
    [InlineData(StatusCode.Unimplemented, 6)]
    [InlineData(StatusCode.Internal, 6)]
    [InlineData(StatusCode.DataLoss, 6)]
    [InlineData(StatusCode.Unauthenticated, 7)]
    public void For_Status_ReturnsDocumentedExitCode(StatusCode status, int expected)
    {
        // Act
        var exitCode = ExitCodeMap.For(status);

        // Assert
        exitCode.Should().Be(expected);
    }

    [Fact]
    public void For_EveryStatus_NeverMapsToUsageOrMigrationCodes()
    {
        // Usage (1) and migration failure (5) are decided by the CLI itself, never by a server status.
        foreach (var status in Enum.GetValues<StatusCode>())
        {
            ExitCodeMap.For(status).Should().NotBe(ExitCodes.Usage).And.NotBe(ExitCodes.MigrationFailed, because: status.ToString());
        }
    }

    [Fact]
    public void HelpText_ListsEveryExitCode()
    {
        // The help epilog is what scripts' authors read: it must match the constants.
        var text = PairDb.Cli.Commands.HelpEpilog.Text;
        foreach (var code in new[] { ExitCodes.Ok, ExitCodes.Usage, ExitCodes.NotFound, ExitCodes.Rejected, ExitCodes.Unavailable, ExitCodes.MigrationFailed, ExitCodes.ServerError, ExitCodes.Denied })
        {
            text.Should().Contain("  " + code + "  ");
        }
    }
}
