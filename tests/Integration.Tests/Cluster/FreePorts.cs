using System.Net;
using System.Net.Sockets;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>Free loopback TCP ports, found by binding port 0.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
