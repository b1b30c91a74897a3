using System.Net;
using System.Net.Sockets;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Free loopback TCP ports for server processes. They come from 20000-32767, below Linux's ephemeral range
/// (32768-60999): a port found by binding port 0 lies inside that range, and a process that binds port 0 itself
/// (an embedded storage node, any outgoing connection) can take it before the server that was meant to get it.
/// Each test process walks its own stretch (from its pid) and skips ports that are in use.
/// </summary>
public static class FreePorts
{
    private const int First = 20000;
    private const int Count = 12768;
    private static int _next = Environment.ProcessId % 64 * (Count / 64);

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) % Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try the next one.
            }
        }

        throw new InvalidOperationException($"No free loopback port in {First}-{First + Count - 1}.");
    }
}
