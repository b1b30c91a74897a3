using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>
/// The fault proxy the partition tests rely on, against a real echo server on loopback: it forwards, a blackhole
/// really forwards nothing (old and new connections), a drop resets, a heal forwards again, faults spare the
/// connections they do not apply to (a connection the choice fails on counts as affected), and the connection bound
/// holds.
/// </summary>
public sealed class TcpFaultProxyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Forward_Connection_EchoesBothWays()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port);
        using var client = await ConnectAsync(proxy.Port);

        // Act
        var answer = await RoundTripAsync(client, "hello");

        // Assert
        answer.Should().Be("hello");
        proxy.DiscardedBytes.Should().Be(0);
    }

    [Fact]
    public async Task Blackhole_OpenAndNewConnections_StayOpenButNothingReachesTheTarget()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port);
        using var before = await ConnectAsync(proxy.Port);
        await RoundTripAsync(before, "ok");

        // Act
        proxy.Blackhole();
        await before.SendAsync(Encoding.ASCII.GetBytes("lost"));
        using var during = await ConnectAsync(proxy.Port);
        await during.SendAsync(Encoding.ASCII.GetBytes("gone"));
        await WaitUntilAsync(() => proxy.DiscardedBytes == 8);

        // Assert
        echo.ReceivedBytes.Should().Be(2, "only the bytes sent before the blackhole reached the target");
        echo.Accepted.Should().Be(1, "a connection made during the blackhole never reaches the target");
        proxy.OpenConnections.Should().Be(2, "a blackhole keeps connections open");
    }

    [Fact]
    public async Task Heal_AfterBlackhole_HoledConnectionIsResetAndANewOneForwards()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port);
        using var holed = await ConnectAsync(proxy.Port);
        proxy.Blackhole();
        await holed.SendAsync(Encoding.ASCII.GetBytes("lost"));
        await WaitUntilAsync(() => proxy.DiscardedBytes == 4);

        // Act
        proxy.Heal();
        using var fresh = await ConnectAsync(proxy.Port);

        // Assert
        (await RoundTripAsync(fresh, "back")).Should().Be("back");
        (await ReadEndAsync(holed)).Should().BeTrue("a stream that lost bytes cannot carry on");
    }

    [Fact]
    public async Task Drop_OpenAndNewConnections_AreResetUntilHealed()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port);
        using var open = await ConnectAsync(proxy.Port);
        await RoundTripAsync(open, "ok");

        // Act
        proxy.Drop();

        // Assert
        (await ReadEndAsync(open)).Should().BeTrue("a drop resets open connections");
        (await RefusedAsync(proxy.Port)).Should().BeTrue("a drop refuses new connections");
        echo.Accepted.Should().Be(1);
        proxy.Heal();
        using var healed = await ConnectAsync(proxy.Port);
        (await RoundTripAsync(healed, "again")).Should().Be("again");
    }

    [Fact]
    public async Task Blackhole_ConnectionNotAffected_KeepsForwarding()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port, affects: static _ => false);
        using var client = await ConnectAsync(proxy.Port);

        // Act
        proxy.Blackhole();

        // Assert
        (await RoundTripAsync(client, "spared")).Should().Be("spared");
        proxy.DiscardedBytes.Should().Be(0);
    }

    [Fact]
    public async Task BlackholeHealDrop_AffectsFails_ConnectionsCountAsAffected()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port, affects: static _ => throw new IOException("the socket table changed while being read"));
        using var open = await ConnectAsync(proxy.Port);
        await RoundTripAsync(open, "ok");

        // Act
        proxy.Blackhole();
        proxy.Heal();
        proxy.Drop();

        // Assert
        (await ReadEndAsync(open)).Should().BeTrue("a connection the predicate failed on counts as affected, at every fault");
        (await RefusedAsync(proxy.Port)).Should().BeTrue("a new connection the predicate fails on is reset during a drop");
    }

    [Fact]
    public async Task Forward_MoreConnectionsThanTheBound_TheExtraOneIsReset()
    {
        // Arrange
        await using var echo = EchoServer.Start();
        await using var proxy = TcpFaultProxy.Start(echo.Port, maxConnections: 1);
        using var first = await ConnectAsync(proxy.Port);
        await RoundTripAsync(first, "one");

        // Act
        var refused = await RefusedAsync(proxy.Port);

        // Assert
        refused.Should().BeTrue("the proxy holds at most one connection");
        (await RoundTripAsync(first, "still")).Should().Be("still");
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static async Task<string> RoundTripAsync(Socket client, string text)
    {
        await client.SendAsync(Encoding.ASCII.GetBytes(text));
        var buffer = new byte[text.Length];
        var read = 0;
        using var timeout = new CancellationTokenSource(Bound);
        while (read < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            n.Should().BePositive("the echo must come back through the proxy");
            read += n;
        }

        return Encoding.ASCII.GetString(buffer);
    }

    /// <summary>True when a new connection is reset, while connecting or as soon as it is accepted.</summary>
    private static async Task<bool> RefusedAsync(int port)
    {
        Socket client;
        try
        {
            client = await ConnectAsync(port);
        }
        catch (SocketException)
        {
            return true;
        }

        using (client)
        {
            return await ReadEndAsync(client);
        }
    }

    /// <summary>True when the connection ends (closed or reset) within the bound.</summary>
    private static async Task<bool> ReadEndAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            return await client.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the proxy must have read the bytes by now");
            await Task.Delay(20);
        }
    }

    /// <summary>A loopback server that echoes what it reads and counts connections and bytes.</summary>
    private sealed class EchoServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Socket> _sockets = [];
        private Task _accepting = Task.CompletedTask;
        private int _accepted;
        private long _received;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        public long ReceivedBytes => Interlocked.Read(ref _received);

        public static EchoServer Start()
        {
            var server = new EchoServer();
            server._listener.Start();
            server._accepting = server.AcceptAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            lock (_sockets)
            {
                _sockets.ForEach(static s => s.Dispose());
            }

            await _accepting;
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    Interlocked.Increment(ref _accepted);
                    lock (_sockets)
                    {
                        _sockets.Add(socket);
                    }

                    _ = EchoAsync(socket);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Stopped: the listener may be stopped before or during the next accept.
            }
        }

        private async Task EchoAsync(Socket socket)
        {
            var buffer = new byte[1024];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                {
                    Interlocked.Add(ref _received, read);
                    await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Reset or stopped.
            }
        }
    }
}
