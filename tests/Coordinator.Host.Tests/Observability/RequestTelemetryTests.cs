using FluentAssertions;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Observability;

namespace PairDb.Coordinator.Tests.Observability;

public sealed class RequestTelemetryTests
{
    private readonly CapturingLoggerProvider _logs = new();

    [Theory]
    [InlineData(StatusCode.Unavailable, LogLevel.Warning)]
    [InlineData(StatusCode.DeadlineExceeded, LogLevel.Warning)]
    [InlineData(StatusCode.ResourceExhausted, LogLevel.Warning)]
    [InlineData(StatusCode.Internal, LogLevel.Warning)]
    [InlineData(StatusCode.NotFound, LogLevel.Information)]
    [InlineData(StatusCode.InvalidArgument, LogLevel.Information)]
    [InlineData(StatusCode.FailedPrecondition, LogLevel.Information)]
    [InlineData(StatusCode.Cancelled, LogLevel.Information)]
    public void Record_FailedCall_OneLineAtTheStatusLevel(StatusCode status, LogLevel level)
    {
        var telemetry = new RequestTelemetry(_logs.CreateLogger("PairDb.Requests"));

        telemetry.Record("/proto.CoordinatorService/ReadKeyValue", status, TimeSpan.FromMilliseconds(12.5), "acme");

        var line = _logs.Entries.Should().ContainSingle().Which;
        line.Level.Should().Be(level);
        line.Fields["Method"].Should().Be("ReadKeyValue");
        line.Fields["DurationMs"].Should().Be(12.5);
        line.Fields["Tenant"].Should().Be("acme");
    }

    [Fact]
    public void Record_RefusedWhileDraining_UnavailableLoggedAtInformation()
    {
        var telemetry = new RequestTelemetry(_logs.CreateLogger("PairDb.Requests"));

        telemetry.Record("/proto.CoordinatorService/WriteKeyValue", StatusCode.Unavailable, TimeSpan.Zero, null, refusedWhileDraining: true);

        var line = _logs.Entries.Should().ContainSingle().Which;
        line.Level.Should().Be(LogLevel.Information);
        line.Fields["StatusCode"].Should().Be("UNAVAILABLE");
    }

    [Fact]
    public void Record_Ok_NoLine()
    {
        var telemetry = new RequestTelemetry(_logs.CreateLogger("PairDb.Requests"));

        telemetry.Record("/proto.CoordinatorService/ReadKeyValue", StatusCode.OK, TimeSpan.FromMilliseconds(1), "acme");

        _logs.Entries.Should().BeEmpty();
    }

    [Fact]
    public void Record_NoTenantAttached_EmptyTenant()
    {
        var telemetry = new RequestTelemetry(_logs.CreateLogger("PairDb.Requests"));

        telemetry.Record("/proto.CoordinatorService/ListStorageNodes", StatusCode.Unavailable, TimeSpan.Zero, null);

        _logs.Entries.Single().Fields["Tenant"].Should().Be(string.Empty);
    }

    [Fact]
    public void Record_OverlongTenant_CutToTheTenantIdLimit()
    {
        var telemetry = new RequestTelemetry(_logs.CreateLogger("PairDb.Requests"));

        telemetry.Record("/proto.CoordinatorService/GetTenant", StatusCode.InvalidArgument, TimeSpan.Zero, new string('t', 5000));

        _logs.Entries.Single().Fields["Tenant"].Should().Be(new string('t', 256));
    }
}
