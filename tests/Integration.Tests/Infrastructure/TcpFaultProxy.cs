using System.Net;
using System.Net.Sockets;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on loopback that a test puts between two processes to break the link between them: it forwards to a
/// target port until told to drop (reset every connection, refuse new ones) or blackhole (keep connections, accept new
/// ones, forward nothing), and forwards again once healed. Connections that lost bytes in a blackhole are reset at the
/// heal (their streams have holes), so the ends reconnect as they would after a real outage. At most
/// <c>maxConnections</c> connections at a time; more are reset at once. Faults apply to the connections
/// <c>affects</c> picks (given the accepted socket; asked once per connection, when a fault first concerns it; a
/// connection it fails on counts as affected); the others always forward.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(50);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly int _maxConnections;
    private readonly Func<Socket, bool> _affects;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<ProxiedConnection> _connections = [];
    private readonly List<Task> _running = [];
    private readonly Task _accepting;
    private volatile ProxyMode _mode;
    private long _discardedBytes;

    private TcpFaultProxy(int targetPort, int maxConnections, Func<Socket, bool> affects)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        _targetPort = targetPort;
        _maxConnections = maxConnections;
        _affects = affects;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Bytes read and thrown away by faults so far: evidence that a fault really cut traffic.</summary>
    public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

    /// <summary>Connections open now (accepted, not yet closed).</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Starts forwarding from a free loopback port to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    /// <param name="targetPort">Where connections go.</param>
    /// <param name="maxConnections">Connections open at once at most; more are reset at once.</param>
    /// <param name="affects">Which connections the faults apply to, given the accepted socket; all when null.</param>
    public static TcpFaultProxy Start(int targetPort, int maxConnections = 64, Func<Socket, bool>? affects = null) =>
        new(targetPort, maxConnections, affects ?? (static _ => true));

    /// <summary>Resets every connection the faults apply to and refuses new ones until healed.</summary>
    public void Drop()
    {
        _mode = ProxyMode.Drop;
        foreach (var connection in Affected())
        {
            connection.Reset();
        }
    }

    /// <summary>Forwards nothing on the connections the faults apply to, old or new, until healed.</summary>
    public void Blackhole()
    {
        // Decided now, while every open connection's client end still exists to be asked about.
        _ = Affected();
        _mode = ProxyMode.Blackhole;
    }

    /// <summary>Forwards again; connections that lost bytes meanwhile are reset, so their ends reconnect.</summary>
    public void Heal()
    {
        _mode = ProxyMode.Forward;
        foreach (var connection in Affected().Where(static c => c.Holed))
        {
            connection.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        ProxiedConnection[] open;
        Task[] running;
        lock (_gate)
        {
            open = [.. _connections];
            running = [.. _running, _accepting];
        }

        foreach (var connection in open)
        {
            connection.Reset();
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(StopBound);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"The fault proxy on port {Port} to port {_targetPort} did not stop accepting and forwarding within {StopBound.TotalSeconds} s.", ex);
        }

        _stop.Dispose();
    }

    private ProxiedConnection[] Affected()
    {
        lock (_gate)
        {
            return [.. _connections.Where(static c => c.Affected)];
        }
    }

    /// <summary>
    /// Whether the faults apply to <paramref name="client"/>. A predicate that fails (e.g. /proc changed while being
    /// read) counts the connection as affected, the default for every connection; it never throws.
    /// </summary>
    private bool Affects(Socket client)
    {
        try
        {
            return _affects(client);
        }
        catch (Exception)
        {
            return true;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Stopped: the listener may be stopped before or during the next accept.
                return;
            }
            catch (SocketException)
            {
                // A connection aborted before it was accepted, or accepting fails for a while (e.g. out of
                // descriptors): keep listening, a little later, so a lasting failure does not spin.
                try
                {
                    await Task.Delay(AcceptRetryDelay, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            var task = ServeAsync(client);
            lock (_gate)
            {
                _running.RemoveAll(static t => t.IsCompleted);
                _running.Add(task);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var mode = _mode;
        Socket? target = null;
        ProxiedConnection? connection = null;
        try
        {
            if (mode != ProxyMode.Forward && !Affects(client))
            {
                mode = ProxyMode.Forward;
            }

            if (mode == ProxyMode.Forward)
            {
                target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await target.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _targetPort), _stop.Token);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    // The target is not listening: the client sees its connection reset, as a refused one.
                    target.Dispose();
                    target = null;
                    mode = ProxyMode.Drop;
                }
            }

            client.NoDelay = true;
            connection = new ProxiedConnection(client, target, () => Affects(client), () => _mode, bytes => Interlocked.Add(ref _discardedBytes, bytes));
        }
        finally
        {
            if (connection is null)
            {
                // Setting the connection up failed: neither socket may stay open.
                target?.Dispose();
                client.Dispose();
            }
        }

        lock (_gate)
        {
            if (mode == ProxyMode.Drop || _connections.Count >= _maxConnections || _stop.IsCancellationRequested)
            {
                connection.Reset();
                return;
            }

            _connections.Add(connection);
        }

        try
        {
            await connection.RunAsync(_stop.Token);
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }
        }
    }
}
