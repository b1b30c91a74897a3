using FluentAssertions;
using PairDb.Protocol.Health;
using PairDb.Rpc;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;
using PairDb.Storage.Service;
using PairDb.Storage.Tests.Support;
using ServingStatus = PairDb.Protocol.Health.HealthCheckResponse.Types.ServingStatus;

namespace PairDb.Storage.Tests.Service;

/// <summary>The standard gRPC health service on a running node, and the probe's view of a node that is shutting down.</summary>
public sealed class GrpcHealthTests : WireNodeTest
{
    [Theory]
    [InlineData("")]
    [InlineData("storage.StorageNodeService")]
    public async Task Check_HealthyNode_Serving(string service)
    {
        var reply = await Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service });

        reply.Status.Should().Be(ServingStatus.Serving);
    }

    [Fact]
    public async Task Check_EngineClosed_NotServing()
    {
        await Node.Engine.DisposeAsync();

        var reply = await Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = StorageMethods.ServiceName });

        reply.Status.Should().Be(ServingStatus.NotServing);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        var act = () => Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = "proto.CoordinatorService" });

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task CheckAsync_DrainBegun_UnhealthyBecauseShuttingDown()
    {
        var drain = new GrpcDrainGate();
        var probe = new HealthProbe(Node.Engine, Node.Options, drain);
        var before = await probe.CheckAsync();

        drain.BeginDrain();
        var after = await probe.CheckAsync();

        before.Healthy.Should().BeTrue();
        after.Healthy.Should().BeFalse();
        after.Status.Should().Be("NOT_SERVING: node is shutting down");
        after.EngineOpen.Should().BeTrue("only the shutdown makes it unhealthy");
    }
}
