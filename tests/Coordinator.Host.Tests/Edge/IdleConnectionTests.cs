using System.Diagnostics;
using System.Net.Sockets;
using FluentAssertions;
using PairDb.Coordinator.Tests.Infrastructure;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>server.idle_timeout_ms closes connections that hold no call, so idle clients cannot pin the server's memory.</summary>
public sealed class IdleConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // The HTTP/2 connection preface, then an empty SETTINGS frame (length 0, type 4, flags 0, stream 0).
    private static readonly byte[] Preface = [.. "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00];

    private InProcessCoordinator? _coordinator;

    public async Task InitializeAsync() =>
        _coordinator = await InProcessCoordinator.StartAsync(configure: static o => o with { IdleTimeout = TimeSpan.FromSeconds(1) });

    public async Task DisposeAsync()
    {
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_NoCallForLongerThanIdleTimeout_ServerClosesTheConnection(bool sendPreface)
    {
        // Arrange
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", new Uri(_coordinator!.Address).Port);
        var stream = client.GetStream();
        if (sendPreface)
        {
            await stream.WriteAsync(Preface);
        }

        // Act: read (and drop the server's SETTINGS, ACK and GOAWAY) until the server closes, within the bound.
        using var bound = new CancellationTokenSource(Bound);
        var started = Stopwatch.GetTimestamp();
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, bound.Token) > 0)
        {
            // Server frames before the close are not under test.
        }

        // Assert: closed by the idle timeout (not at once, which would be a refusal).
        Stopwatch.GetElapsedTime(started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(500));
    }
}
