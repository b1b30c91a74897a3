using System.Net.Sockets;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>
/// One client connection of a <see cref="TcpFaultProxy"/> and, unless it was accepted during a blackhole, its
/// connection to the target; two pumps copy bytes each way while the proxy's mode lets them. A connection that lost
/// bytes in a blackhole has a hole in its stream and cannot carry on, so it is reset once the fault heals.
/// </summary>
internal sealed class ProxiedConnection
{
    private const int BufferBytes = 64 * 1024;
    private readonly Socket _client;
    private readonly Socket? _target;
    private readonly Lazy<bool> _affected;
    private readonly Func<ProxyMode> _mode;
    private readonly Action<int> _discarded;
    private volatile bool _holed;
    private int _closed;

    /// <param name="client">The accepted client socket.</param>
    /// <param name="target">The connected target socket; null for a connection accepted while blackholed.</param>
    /// <param name="affected">
    /// Whether the proxy's faults apply to this connection (otherwise it always forwards); asked once, when first needed.
    /// It must not throw: its answer, or its exception, is kept for every later fault.
    /// </param>
    /// <param name="mode">The proxy's current mode.</param>
    /// <param name="discarded">Told how many bytes were read and thrown away.</param>
    public ProxiedConnection(Socket client, Socket? target, Func<bool> affected, Func<ProxyMode> mode, Action<int> discarded)
    {
        _discarded = discarded;
        _client = client;
        _target = target;
        _affected = new Lazy<bool>(affected);
        _mode = mode;
        _holed = target is null;
    }

    /// <summary>Whether the proxy's faults apply to this connection.</summary>
    public bool Affected => _affected.Value;

    /// <summary>True once bytes were discarded (or it never reached the target): it can only be reset.</summary>
    public bool Holed => _holed;

    /// <summary>
    /// Copies both ways until both sides closed (an end of stream is passed on as one) or the connection is reset;
    /// then closes both sockets.
    /// </summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await Task.WhenAll(PumpAsync(_client, _target, stop), _target is null ? Task.CompletedTask : PumpAsync(_target, _client, stop));
        Close(abort: false);
    }

    /// <summary>Closes both sockets with a TCP reset (linger 0), as a dropped link looks to both ends.</summary>
    public void Reset() => Close(abort: true);

    private void Close(bool abort)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        foreach (var socket in _target is null ? [_client] : new[] { _client, _target })
        {
            if (abort)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            socket.Close();
        }
    }

    private async Task PumpAsync(Socket from, Socket? to, CancellationToken stop)
    {
        var buffer = new byte[BufferBytes];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop);
                if (read == 0)
                {
                    to?.Shutdown(SocketShutdown.Send);
                    return;
                }

                var mode = _mode();
                if (mode != ProxyMode.Forward && !Affected)
                {
                    mode = ProxyMode.Forward;
                }

                if (mode == ProxyMode.Forward && !_holed && to is not null)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop);
                    continue;
                }

                _holed = true;
                _discarded(read);
                if (mode != ProxyMode.Blackhole)
                {
                    // Dropped, or healed while these bytes were being discarded: the stream has a hole.
                    Reset();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset by the proxy or by either end, or the proxy is stopping: the other direction ends too.
            Reset();
        }
    }
}
