using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Memory;
using PairDb.Coordinator.Observability;

CoordinatorOptions options;
try
{
    options = CoordinatorOptionsLoader.FromProcess(args);
}
catch (CoordinatorConfigurationException ex)
{
    await Console.Error.WriteLineAsync("pairdb coordinator: invalid configuration: " + ex.Message);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
CoordinatorLogging.Configure(builder.Logging, options.LogLevel, options.LogFormat);
var bind = IPAddress.Parse(options.BindAddress);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // TLS of the client listener only: the health and metrics listeners stay plain HTTP for probes and scrapers.
    var tls = CoordinatorTls.ForClients(options, kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>());
    kestrel.Listen(bind, options.ServerPort, listen =>
    {
        listen.Protocols = HttpProtocols.Http2;
        tls?.Apply(listen);
    });
    kestrel.Listen(bind, options.HealthPort, listen => listen.Protocols = HttpProtocols.Http1);
    if (options.MetricsEnabled)
    {
        kestrel.Listen(bind, options.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
    }

    CoordinatorKestrel.ApplyLimits(kestrel, options);
});
var coordinator = CoordinatorRuntimeHost.AddTo(builder.Services, options);
builder.Services.AddCoordinatorGrpc(options, () => coordinator.Runtime);
builder.Services.AddCoordinatorObservability();
IdleMemoryTrim.AddTo(builder.Services, options);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

await using var app = builder.Build();
var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Coordinator");
foreach (var warning in options.ConfigurationWarnings)
{
    CoordinatorLog.ConfigurationWarning(logger, warning);
}

PlaintextWarnings.Log(logger, options);

coordinator.HealthPublisher = CoordinatorLifecycle.Map(app, options, () => coordinator.Runtime);
if (options.MetricsEnabled)
{
    CoordinatorObservability.MapMetrics(app, options.MetricsPort, options.MetricsPath, () => coordinator.Runtime);
}

app.MapCoordinatorGrpc(options);
try
{
    // Starts the actor system, then the runtime (cluster joined, ring loaded) and the health publisher, then the server.
    await app.StartAsync();
    var runtime = coordinator.Runtime!;
    var dataDirectory = Path.GetFullPath(options.DataDirectory);
    var ringNodes = runtime.Edge.Ring.Current.ActiveNodeCount;
    CoordinatorLog.Started(logger, runtime.NodeId, options.BindAddress, options.ServerPort, options.HealthPort, dataDirectory, ringNodes, options.EmbeddedStorageNodes);
    await app.WaitForShutdownAsync();
    var exit = CoordinatorExit.After(app.Services.GetRequiredService<Akka.Actor.ActorSystem>());
    if (exit == CoordinatorExit.Downed)
    {
        CoordinatorLog.Downed(logger, exit);
    }

    return exit;
}
catch (Exception ex) when (ex is IOException or InvalidOperationException or CoordinatorConfigurationException or TimeoutException)
{
    CoordinatorLog.StartFailed(logger, ex);
    return 1;
}
