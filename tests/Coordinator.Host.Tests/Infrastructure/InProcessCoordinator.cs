using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Tests.Stores;
using PairDb.Protocol.Coordinator;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Infrastructure;

/// <summary>
/// A real coordinator in this process (embedded storage nodes, SQLite stores) wired as Program.cs wires it, with the
/// gRPC port on loopback and a grpc-dotnet channel to it.
/// </summary>
internal sealed class InProcessCoordinator : IAsyncDisposable
{
    private readonly TestDirectory _directory;
    private readonly WebApplication _app;
    private readonly CoordinatorRuntime _runtime;

    private InProcessCoordinator(TestDirectory directory, WebApplication app, CoordinatorRuntime runtime)
    {
        _directory = directory;
        _app = app;
        _runtime = runtime;
        Address = app.Urls.Single();
        Channel = GrpcChannel.ForAddress(Address);
        Client = new CoordinatorService.CoordinatorServiceClient(Channel);
    }

    /// <summary>The gRPC listener, e.g. http://127.0.0.1:41234.</summary>
    public string Address { get; }

    public GrpcChannel Channel { get; }

    public CoordinatorService.CoordinatorServiceClient Client { get; }

    /// <summary>The running coordinator's parts, for assertions on its state.</summary>
    public CoordinatorRuntime Runtime => _runtime;

    /// <summary>
    /// Starts a coordinator whose logs go to <paramref name="logs"/> (nothing when null), with the test defaults changed by
    /// <paramref name="configure"/> when given.
    /// </summary>
    public static async Task<InProcessCoordinator> StartAsync(ILoggerProvider? logs = null, Func<CoordinatorOptions, CoordinatorOptions>? configure = null)
    {
        var directory = new TestDirectory();
        var defaults = new CoordinatorOptions
        {
            DataDirectory = directory.Path, LogLevel = LogLevel.Warning, StorageDurability = DurabilityMode.Os,
            Cluster = new ClusterSettings { Port = 0 },
        };
        var options = configure is null ? defaults : configure(defaults);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        // Port 0: the OS picks a free port at bind time, so parallel test classes never race for one.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            CoordinatorKestrel.ApplyLimits(kestrel, options);
        });
        var coordinator = CoordinatorRuntimeHost.AddTo(builder.Services, options);
        builder.Services.AddCoordinatorGrpc(options, () => coordinator.Runtime);
        var app = builder.Build();
        coordinator.HealthPublisher = CoordinatorLifecycle.Map(app, options, () => coordinator.Runtime);
        app.MapCoordinatorGrpc(options);
        await app.StartAsync();
        return new InProcessCoordinator(directory, app, coordinator.Runtime!);
    }

    /// <summary>Begins shutdown as SIGTERM does (ApplicationStopping fires), without waiting for it.</summary>
    public void BeginShutdown() => _app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}
