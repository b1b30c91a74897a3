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
        // Arrange: the harness's channel holds connection 1 (a call proves it), an idle HTTP/2 connection holds
        // connection 2 (the server's SETTINGS prove it was taken, not closed as one too many while a connection the
        // listener counted was still closing).
        using var bound = new CancellationTokenSource(Bound);
        await ListTenantsAsync(_coordinator!.Channel);
        var port = new Uri(_coordinator.Address).Port;
        using var idle = await AcceptedHttp2ConnectionAsync(port, bound.Token);

        // Act: a third connection.
        using var third = new TcpClient();
        await third.ConnectAsync("127.0.0.1", port);

        // Assert: the server closes it without reading anything (a read sees the end of the stream), a gRPC client on
        // a new connection is refused, and the open connection still serves calls.
        var read = await third.GetStream().ReadAsync(new byte[64], bound.Token);
        read.Should().Be(0, "the connection beyond the limit is closed");
        using (var refusedChannel = GrpcChannel.ForAddress(_coordinator.Address))
        {
            // grpc-dotnet reports a connection closed right after it was accepted as UNAVAILABLE or, when the close
            // races its first write, as INTERNAL ("the response ended prematurely"); either way the call is refused.
            var refused = () => ListTenantsAsync(refusedChannel);
            (await refused.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().BeOneOf(StatusCode.Unavailable, StatusCode.Internal);
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

    /// <summary>
    /// A connection that sent the HTTP/2 preface and an empty SETTINGS frame and got the server's SETTINGS back, so the
    /// listener took it; one closed at once is tried again (bounded by <paramref name="cancellationToken"/>).
    /// </summary>
    private static async Task<TcpClient> AcceptedHttp2ConnectionAsync(int port, CancellationToken cancellationToken)
    {
        byte[] preface = [.. "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8, 0, 0, 0, 4, 0, 0, 0, 0, 0];
        while (true)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(preface, cancellationToken);
            var header = new byte[9];
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == header.Length && header[3] == 4)
            {
                return client;
            }

            client.Dispose();
            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<ListTenantsResponse> ListTenantsAsync(GrpcChannel channel) =>
        await new CoordinatorService.CoordinatorServiceClient(channel).ListTenantsAsync(new ListTenantsRequest(), deadline: DateTime.UtcNow + Bound);
}
