using System.Net;
using System.Net.Sockets;
using PairDb.Storage.Engine;

namespace PairDb.Storage.Hosting;

/// <summary>A started storage node: its bound ports and engine. Dispose to stop serving and close the engine.</summary>
public sealed class RunningStorageNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILogger _logger;
    private int _disposed;

    internal RunningStorageNode(WebApplication app, StorageEngine engine, StorageNodeOptions options, int port, int? healthPort, ILogger logger)
    {
        _app = app;
        _logger = logger;
        Engine = engine;
        Options = options;
        Port = port;
        HealthPort = healthPort;
    }

    public string NodeId => Options.NodeId;

    public StorageNodeOptions Options { get; }

    /// <summary>The bound gRPC port (the real one when 0 was configured).</summary>
    public int Port { get; }

    /// <summary>The bound health port, or null when disabled.</summary>
    public int? HealthPort { get; }

    /// <summary>The gRPC address for a client channel, e.g. http://127.0.0.1:50061 (https:// when it serves TLS).</summary>
    public string Address => $"{(Options.ServesTls ? "https" : "http")}://{FormatHost(Options.BindAddress)}:{Port}";

    public StorageEngine Engine { get; }

    /// <summary>The node's services (its drain gate, for tests that drain without stopping).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the listeners (letting in-flight calls finish), then commits queued writes and closes the engine.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            await Engine.DisposeAsync();
            StorageLog.Stopped(_logger, NodeId);
        }
    }

    /// <summary>The host a local client dials: a wildcard bind is reached through loopback.</summary>
    internal static string FormatHost(string bindAddress)
    {
        var address = IPAddress.Parse(bindAddress);
        if (address.Equals(IPAddress.Any))
        {
            address = IPAddress.Loopback;
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.IPv6Loopback;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
    }
}
