using System.Net.Sockets;
using System.Runtime.ExceptionServices;

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

    /// <summary>Stops every proxy, each even when another failed to stop; then throws what failed, if anything did.</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var proxy in _proxies)
        {
            try
            {
                await proxy.DisposeAsync();
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failures[0]);
        }

        if (failures.Count > 1)
        {
            throw new AggregateException($"{failures.Count} of {_proxies.Count} fault proxies failed to stop.", failures);
        }
    }
}
