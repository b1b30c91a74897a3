using FluentAssertions;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using PairDb.Protocol.Storage;
using PairDb.Storage.Hosting;
using PairDb.Storage.Tests.Support;
using static PairDb.Storage.Tests.Support.WireVersions;
using HealthCheckRequest = Grpc.Health.V1.HealthCheckRequest;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PairDb.Storage.Tests.Service;

/// <summary>A draining node refuses new calls, lets running ones finish and still answers health checks.</summary>
public sealed class DrainInterceptorTests : WireNodeTest
{
    private const int Keys = 40;

    [Fact]
    public async Task BeginDrain_ScanRunning_NewCallsUnavailableRunningScanFinishesHealthAnswers()
    {
        // Arrange: a scan of one key per batch is running (its first batch arrived) when the drain begins.
        for (var i = 0; i < Keys; i++)
        {
            await Client.WriteAsync(new WriteRequest { TenantId = "t", Key = "k" + i, Version = Version("v", 1, ("a", 1)) });
        }

        using var scan = Client.ScanRange(new ScanRangeRequest { BatchSize = 1 });
        (await scan.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        var scanned = scan.ResponseStream.Current.Records.Count;

        // Act
        Node.Services.GetRequiredService<DrainGate>().BeginDrain();
        var write = () => Client.WriteAsync(new WriteRequest { TenantId = "t", Key = "late", Version = Version("v", 1, ("a", 1)) }).ResponseAsync;
        var read = () => Client.ReadAsync(new ReadRequest { TenantId = "t", Key = "k0" }).ResponseAsync;
        var health = await new Health.HealthClient(Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        while (await scan.ResponseStream.MoveNext(CancellationToken.None))
        {
            scanned += scan.ResponseStream.Current.Records.Count;
        }

        // Assert
        await ShouldFailAsync(write, StatusCode.Unavailable, "server is shutting down");
        await ShouldFailAsync(read, StatusCode.Unavailable, "server is shutting down");
        health.Status.Should().Be(ServingStatus.NotServing);
        scanned.Should().Be(Keys);
        Node.Engine.Stats.Keys.Should().Be(Keys);
    }
}
