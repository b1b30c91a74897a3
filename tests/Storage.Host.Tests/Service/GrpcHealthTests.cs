using FluentAssertions;
using Grpc.Core;
using Grpc.Health.V1;
using PairDb.Storage.Hosting;
using PairDb.Storage.Service;
using PairDb.Storage.Tests.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using StorageNodeService = PairDb.Protocol.Storage.StorageNodeService;

namespace PairDb.Storage.Tests.Service;

/// <summary>The standard gRPC health service on a running node, and the probe's view of a node that is shutting down.</summary>
public sealed class GrpcHealthTests : WireNodeTest
{
    private static readonly string StorageService = StorageNodeService.Descriptor.FullName;

    [Theory]
    [InlineData("")]
    [InlineData("storage.StorageNodeService")]
    public async Task Check_HealthyNode_Serving(string service)
    {
        var reply = await HealthService().CheckAsync(new HealthCheckRequest { Service = service });

        reply.Status.Should().Be(ServingStatus.Serving);
    }

    [Fact]
    public async Task Check_EngineClosed_NotServing()
    {
        await Node.Engine.DisposeAsync();

        var reply = await HealthService().CheckAsync(new HealthCheckRequest { Service = StorageService });

        reply.Status.Should().Be(ServingStatus.NotServing);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        var act = () => HealthService().CheckAsync(new HealthCheckRequest { Service = "proto.CoordinatorService" }).ResponseAsync;

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task CheckAsync_DrainBegun_UnhealthyBecauseShuttingDown()
    {
        var drain = new DrainGate();
        var probe = new HealthProbe(Node.Engine, Node.Options, drain);
        var before = await probe.CheckAsync();

        drain.BeginDrain();
        var after = await probe.CheckAsync();

        before.Healthy.Should().BeTrue();
        after.Healthy.Should().BeFalse();
        after.Status.Should().Be("NOT_SERVING: node is shutting down");
        after.EngineOpen.Should().BeTrue("only the shutdown makes it unhealthy");
    }

    [Fact]
    public async Task Watch_NodeStartsDraining_ServingTurnsNotServing()
    {
        // Arrange
        using var watch = HealthService().Watch(new HealthCheckRequest { Service = StorageService }, deadline: DateTime.UtcNow.AddSeconds(30));
        var first = await NextStatusAsync(watch);

        // Act: stopping the node begins the drain; the stream must report it before the call ends.
        var stopping = Node.DisposeAsync();
        var statuses = new List<ServingStatus>();
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            statuses.Add(watch.ResponseStream.Current.Status);
        }

        await stopping;

        // Assert: the publisher may repeat SERVING once (its first measurement) before the drain.
        first.Should().Be(ServingStatus.Serving);
        statuses.Should().NotBeEmpty().And.EndWith(ServingStatus.NotServing);
        statuses.SkipWhile(s => s == ServingStatus.Serving).Should().OnlyContain(s => s == ServingStatus.NotServing);
    }

    private static async Task<ServingStatus> NextStatusAsync(AsyncServerStreamingCall<HealthCheckResponse> watch)
    {
        (await watch.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue("Watch answers at once with the current status");
        return watch.ResponseStream.Current.Status;
    }

    private Grpc.Health.V1.Health.HealthClient HealthService() => new(Channel);
}
