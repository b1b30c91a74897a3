using FluentAssertions;
using PairDb.Protocol.Health;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;
using PairDb.Rpc.Tests.Support;
using ServingStatus = PairDb.Protocol.Health.HealthCheckResponse.Types.ServingStatus;

namespace PairDb.Rpc.Tests.Health;

/// <summary>grpc.health.v1.Health over a real server: Check follows readiness per the gRPC health checking protocol.</summary>
public sealed class GrpcHealthServiceTests : IAsyncLifetime
{
    private static readonly CallOptions Timeout = new(TimeSpan.FromSeconds(10));
    private DrainableServer? _server;
    private GrpcChannel? _channel;

    private DrainableServer Server => _server!;

    private GrpcChannel Channel => _channel!;

    public async Task InitializeAsync()
    {
        _server = await DrainableServer.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(DrainableServer.ServedName)]
    public async Task Check_Ready_Serving(string service)
    {
        var reply = await Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service }, Timeout);

        reply.Status.Should().Be(ServingStatus.Serving);
    }

    [Theory]
    [InlineData("")]
    [InlineData(DrainableServer.ServedName)]
    public async Task Check_NotReady_NotServing(string service)
    {
        Server.Ready = false;

        var reply = await Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service }, Timeout);

        reply.Status.Should().Be(ServingStatus.NotServing);
    }

    [Fact]
    public async Task Check_ReadyAgain_ServingAgain()
    {
        Server.Ready = false;
        await Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest(), Timeout);
        Server.Ready = true;

        var reply = await Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest(), Timeout);

        reply.Status.Should().Be(ServingStatus.Serving);
    }

    [Theory]
    [InlineData("proto.CoordinatorService")]
    [InlineData("test.echoservice")]
    public async Task Check_UnknownService_NotFoundNamingIt(string service)
    {
        var act = () => Channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service }, Timeout);

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Detail.Should().Contain("'" + service + "'").And.Contain(DrainableServer.ServedName);
    }

    [Fact]
    public async Task Watch_AnyService_Unimplemented()
    {
        using var call = Channel.ServerStreaming(HealthMethods.Watch, new HealthCheckRequest(), Timeout);

        var act = async () =>
        {
            await foreach (var unused in call.ReadAllAsync())
            {
            }
        };

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }
}
