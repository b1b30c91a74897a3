using System.Net.Sockets;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Coordinator.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>
/// server.max_connections bounds the client connections the gRPC listener holds: one more is closed at once, while
/// calls on the connections already open carry on, and a new connection is taken once one has closed.
/// </summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private InProcessCoordinator? _coordinator;

    public async Task InitializeAsync() => _coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { MaxConnections = 2 });

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connect_BeyondMaxConnections_RefusedWhileOpenConnectionKeepsWorking()
    {
        // Arrange: the harness's channel holds connection 1 (a call proves it), an idle socket holds connection 2.
        await ListTenantsAsync(_coordinator!.Channel);
        var port = new Uri(_coordinator.Address).Port;
        using var idle = new TcpClient();
        await idle.ConnectAsync("127.0.0.1", port);

        // Act: a third connection.
        using var third = new TcpClient();
        await third.ConnectAsync("127.0.0.1", port);

        // Assert: the server closes it without reading anything (a read sees the end of the stream), a gRPC client on
        // a new connection is refused, and the open connection still serves calls.
        using var bound = new CancellationTokenSource(Bound);
        var read = await third.GetStream().ReadAsync(new byte[64], bound.Token);
        read.Should().Be(0, "the connection beyond the limit is closed");
        using (var refusedChannel = GrpcChannel.ForAddress(_coordinator.Address))
        {
            var refused = () => ListTenantsAsync(refusedChannel);
            (await refused.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        }

        (await ListTenantsAsync(_coordinator.Channel)).Tenants.Should().Contain(t => t.TenantId == "default");

        // Once the idle connection closes, a new one is taken (the server notices the close asynchronously).
        idle.Close();
        using var later = GrpcChannel.ForAddress(_coordinator.Address);
        while (true)
        {
            try
            {
                await ListTenantsAsync(later);
                break;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !bound.IsCancellationRequested)
            {
                await Task.Delay(20, bound.Token);
            }
        }
    }

    private static async Task<ListTenantsResponse> ListTenantsAsync(GrpcChannel channel) =>
        await new CoordinatorService.CoordinatorServiceClient(channel).ListTenantsAsync(new ListTenantsRequest(), deadline: DateTime.UtcNow + Bound);
}
