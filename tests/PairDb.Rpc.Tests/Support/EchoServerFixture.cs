using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using PairDb.Rpc.Server;

namespace PairDb.Rpc.Tests.Support;

/// <summary>A real Kestrel server on loopback: HTTP/2 cleartext for gRPC, plus an HTTP/1.1 port for protocol tests.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    public const int MaxReceiveMessageSize = 64 * 1024;
    private WebApplication? _app;

    public EchoService Service { get; } = new();

    public int Http2Port { get; private set; }

    public int Http1Port { get; private set; }

    public string Address => "http://127.0.0.1:" + Http2Port;

    public async Task InitializeAsync()
    {
        Http2Port = FreePort.Next();
        Http1Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, Http2Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, Http1Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpcServer(options => options.MaxReceiveMessageSize = MaxReceiveMessageSize);
        _app = builder.Build();
        _app.MapGrpcService(Service.Definition());
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
