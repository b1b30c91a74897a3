using System.Net.Sockets;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>The fault proxies of one test, started on demand and all stopped together.</summary>
public sealed class TcpFaultProxies : IAsyncDisposable
{
    private readonly List<TcpFaultProxy> _proxies = [];

    /// <summary>Starts a proxy to 127.0.0.1:<paramref name="targetPort"/> (see <see cref="TcpFaultProxy.Start"/>).</summary>
    public TcpFaultProxy Start(int targetPort, Func<Socket, bool>? affects = null)
    {
        var proxy = TcpFaultProxy.Start(targetPort, affects: affects);
        _proxies.Add(proxy);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }
    }
}
