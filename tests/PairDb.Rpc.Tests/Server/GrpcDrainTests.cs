using FluentAssertions;
using PairDb.Protocol.Health;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Server;
using PairDb.Rpc.Tests.Protos;
using PairDb.Rpc.Tests.Support;
using ServingStatus = PairDb.Protocol.Health.HealthCheckResponse.Types.ServingStatus;

namespace PairDb.Rpc.Tests.Server;

/// <summary>The drain gate: once flipped, new calls are refused with UNAVAILABLE while calls already running finish.</summary>
public sealed class GrpcDrainTests
{
    private static readonly CallOptions Timeout = new(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task UnaryAsync_GateOpen_Ok()
    {
        await using var server = await DrainableServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);

        var reply = await channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "before" }, Timeout);

        reply.Text.Should().Be("before");
    }

    [Fact]
    public async Task UnaryAsync_AfterBeginDrain_UnavailableServerIsShuttingDown()
    {
        await using var server = await DrainableServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        await channel.UnaryAsync(EchoMethods.Echo, new EchoRequest(), Timeout);

        server.Drain.BeginDrain();
        var act = () => channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "after" }, Timeout);

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Detail.Should().Be(GrpcDrainGate.RefusalMessage);
    }

    [Fact]
    public async Task ServerStreaming_AfterBeginDrain_Unavailable()
    {
        await using var server = await DrainableServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        server.Drain.BeginDrain();

        using var call = channel.ServerStreaming(EchoMethods.Count, new CountRequest { Count = 3 }, Timeout);
        var act = async () =>
        {
            await foreach (var unused in call.ReadAllAsync())
            {
            }
        };

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task UnaryAsync_RunningWhenDrainBegins_CompletesOk()
    {
        await using var server = await DrainableServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var running = channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "in flight", DelayMs = 300 }, Timeout);
        await server.Echo.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        server.Drain.BeginDrain();
        var refused = () => channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "new" }, Timeout);

        (await refused.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        (await running).Text.Should().Be("in flight");
    }

    [Fact]
    public async Task StopAsync_CallInFlight_CallCompletesBeforeTheServerStops()
    {
        var server = await DrainableServer.StartAsync(shutdownTimeout: TimeSpan.FromSeconds(30));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var running = channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "in flight", DelayMs = 300 }, Timeout);
        await server.Echo.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = server.StopAsync();
        var reply = await running;
        await stopping;
        await server.DisposeAsync();

        reply.Text.Should().Be("in flight");
        server.Drain.IsDraining.Should().BeTrue("stopping the host flips the gate");
    }

    [Fact]
    public async Task StopAsync_CallOutlastsShutdownTimeout_CallEndsUnavailable()
    {
        await using var server = await DrainableServer.StartAsync(shutdownTimeout: TimeSpan.FromMilliseconds(200));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var running = channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { DelayMs = 60_000 }, new CallOptions(TimeSpan.FromSeconds(120)));
        await server.Echo.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.StopAsync();
        var act = () => running;

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task Check_AfterBeginDrain_AnswersNotServingInsteadOfRefusing()
    {
        await using var server = await DrainableServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);

        server.Drain.BeginDrain();
        var reply = await channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest(), Timeout);

        reply.Status.Should().Be(ServingStatus.NotServing);
    }
}
