using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PairDb.Cli.Tests.Support;

/// <summary>The fake coordinator served by grpc-dotnet on Kestrel, on a loopback port chosen by the OS (port 0).</summary>
public sealed class FakeCoordinatorServer : IAsyncLifetime
{
    private WebApplication? _app;

    public FakeCoordinator Fake { get; } = new();

    public int Port { get; private set; }

    /// <summary>HOST:PORT, as `--coordinator` takes it.</summary>
    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        // The one fake behind every call: grpc-dotnet builds the service per call from DI, with this instance.
        builder.Services.AddSingleton(Fake);
        _app = builder.Build();
        _app.MapGrpcService<FakeCoordinatorService>();
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Port = new Uri(addresses.Single()).Port;
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
