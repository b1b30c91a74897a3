using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PairDb.Rpc.Health;
using PairDb.Rpc.Server;

namespace PairDb.Rpc.Tests.Support;

/// <summary>
/// A real Kestrel server of its own (draining cannot be undone, so never shared): the echo service, the health service
/// answering from <see cref="Ready"/> and the drain gate, and the gate flipped when the host starts stopping, as the
/// coordinator and storage hosts wire it.
/// </summary>
public sealed class DrainableServer : IAsyncDisposable
{
    public const string ServedName = "test.EchoService";

    private readonly WebApplication _app;
    private volatile bool _ready = true;

    private DrainableServer(WebApplication app, int port)
    {
        _app = app;
        Address = "http://127.0.0.1:" + port;
    }

    public GrpcDrainGate Drain { get; } = new();

    public EchoService Echo { get; } = new();

    public string Address { get; }

    /// <summary>What the readiness delegate reports while the gate is open.</summary>
    public bool Ready
    {
        get => _ready;
        set => _ready = value;
    }

    public static async Task<DrainableServer> StartAsync(TimeSpan? shutdownTimeout = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        if (shutdownTimeout is { } timeout)
        {
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = timeout);
        }

        var app = builder.Build();
        var server = new DrainableServer(app, port);
        app.Lifetime.ApplicationStopping.Register(server.Drain.BeginDrain);
        app.UseGrpcDrain(server.Drain);
        app.MapGrpcService(server.Echo.Definition());
        app.MapGrpcService(GrpcHealthService.Create([ServedName], _ => Task.FromResult(server.Ready && !server.Drain.IsDraining)));
        await app.StartAsync();
        return server;
    }

    /// <summary>Stops the host as SIGTERM would: the gate flips, then Kestrel waits for calls in flight up to the shutdown timeout.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
