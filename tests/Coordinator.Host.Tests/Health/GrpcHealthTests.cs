using FluentAssertions;
using Grpc.Core;
using Grpc.Health.V1;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Health;

/// <summary>grpc.health.v1 on a running coordinator, over a real socket: its status follows readiness and draining.</summary>
public sealed class GrpcHealthTests : CoordinatorWireTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task Watch_CoordinatorStartsDraining_ServingTurnsNotServingThenTheStreamEnds()
    {
        // Arrange: watch the coordinator service until readiness has made it SERVING.
        var health = new Grpc.Health.V1.Health.HealthClient(Coordinator.Channel);
        using var cancel = new CancellationTokenSource(Bound);
        using var watch = health.Watch(new HealthCheckRequest { Service = CoordinatorService.Descriptor.FullName }, cancellationToken: cancel.Token);
        await NextStatusAsync(watch.ResponseStream, HealthCheckResponse.Types.ServingStatus.Serving, cancel.Token);

        // Act
        Coordinator.BeginShutdown();

        // Assert: the same stream reports the change, a new call is refused while health still answers, and the
        // server ends the stream rather than keep the shutdown waiting for it.
        await NextStatusAsync(watch.ResponseStream, HealthCheckResponse.Types.ServingStatus.NotServing, cancel.Token);
        var check = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Bound);
        check.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.NotServing);
        var refused = () => Coordinator.Client.ListTenantsAsync(new ListTenantsRequest(), deadline: DateTime.UtcNow + Bound).ResponseAsync;
        var error = (await refused.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Be("server is shutting down");
        (await watch.ResponseStream.MoveNext(cancel.Token)).Should().BeFalse("an open Watch must not hold the shutdown");
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(Coordinator.Channel);

        var act = () => health.CheckAsync(new HealthCheckRequest { Service = "no.SuchService" }, deadline: DateTime.UtcNow + Bound).ResponseAsync;

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    /// <summary>Reads the stream until it reports <paramref name="wanted"/> (earlier statuses, e.g. while starting, are skipped).</summary>
    private static async Task NextStatusAsync(
        IAsyncStreamReader<HealthCheckResponse> stream, HealthCheckResponse.Types.ServingStatus wanted, CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
        {
            if (stream.Current.Status == wanted)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The health stream ended before reporting {wanted}.");
    }
}
