using FluentAssertions;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using PairDb.Storage.Hosting;
using PairDb.Storage.Service;
using PairDb.Storage.Tests.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using StorageNodeService = PairDb.Protocol.Storage.StorageNodeService;

namespace PairDb.Storage.Tests.Service;

/// <summary>What a node logs about its readiness: each change once, a fault as a warning, a shutdown as information.</summary>
public sealed class ReadinessLogTests
{
    [Fact]
    public async Task Check_EngineClosed_OneWarningForTheChangeAndNoError()
    {
        // Arrange
        using var directory = new TempDirectory();
        using var logs = new RecordingLoggerProvider();
        var node = await TestNodes.StartLoggingAsync(TestNodes.Options(directory), logs);
        try
        {
            using var channel = TestNodes.Channel(node);
            var health = new Health.HealthClient(channel);
            await node.Engine.DisposeAsync();

            // Act: the change is measured twice.
            var first = await health.CheckAsync(new HealthCheckRequest { Service = StorageNodeService.Descriptor.FullName });
            var second = await health.CheckAsync(new HealthCheckRequest { Service = StorageNodeService.Descriptor.FullName });

            // Assert: NOT_SERVING both times, logged once as a warning naming the cause; ASP.NET Core's error line per check is gone.
            first.Status.Should().Be(ServingStatus.NotServing);
            second.Status.Should().Be(ServingStatus.NotServing);
            logs.Above(LogLevel.Information).Should().ContainSingle()
                .Which.Should().StartWith("Warning").And.Contain("is not ready").And.Contain("storage engine is not open");
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task CheckHealthAsync_NodeShuttingDown_UnhealthyAndLoggedAsInformation()
    {
        // Arrange
        using var directory = new TempDirectory();
        await using var node = await TestNodes.StartAsync(TestNodes.Options(directory));
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        var drain = new DrainGate();
        var check = new ReadinessHealthCheck(new HealthProbe(node.Engine, node.Options, drain), drain, factory.CreateLogger<ReadinessHealthCheck>());
        var ready = await check.CheckHealthAsync(new HealthCheckContext());

        // Act
        drain.BeginDrain();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert: unready while stopping is expected, so it is not a warning.
        ready.Status.Should().Be(HealthStatus.Healthy);
        stopping.Status.Should().Be(HealthStatus.Unhealthy);
        logs.Above(LogLevel.Information).Should().BeEmpty();
        logs.Above(LogLevel.Debug).Should().ContainSingle().Which.Should().Contain("node is shutting down");
    }
}
