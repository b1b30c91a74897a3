using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PairDb.Storage.Engine;
using PairDb.Messages.Tls;
using PairDb.Storage.Hosting.RequestCheck;
using PairDb.Storage.Hosting.Tls;
using PairDb.Storage.Observability;
using PairDb.Storage.Service;

namespace PairDb.Storage.Hosting;

/// <summary>
/// Builds and starts one storage node (engine, gRPC listener, health and metrics listeners) in the current
/// process. Used by Program.cs and by hosts that embed several nodes, each on its own loopback port.
/// </summary>
public static class StorageNodeServer
{
    /// <summary>Opens the engine and starts serving with default logging and the system clock.</summary>
    public static Task<RunningStorageNode> StartAsync(StorageNodeOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, configureLogging: null, timeProvider: null, cancellationToken);

    /// <summary>
    /// Opens the engine and starts serving. Throws when the options are invalid, the engine cannot open, or a port
    /// cannot be bound; nothing is left running then.
    /// </summary>
    /// <param name="options">The node's settings (ports may be 0 to pick free ones).</param>
    /// <param name="configureLogging">Replaces the default console logging when given (embedding hosts pass their own).</param>
    /// <param name="timeProvider">Clock of the engine (when a key became tombstone-only, queue waits); the system clock when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<RunningStorageNode> StartAsync(
        StorageNodeOptions options,
        Action<ILoggingBuilder>? configureLogging,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var engine = StorageEngine.Open(options.ToEngineOptions(), time);
        try
        {
            var listeners = new Listeners();
            var app = Build(options, engine, configureLogging, listeners);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            var port = listeners.Grpc!.IPEndPoint!.Port;
            var healthPort = listeners.Health?.IPEndPoint!.Port;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PairDb.Storage");
            var node = new RunningStorageNode(app, engine, options, port, healthPort, logger);
            foreach (var warning in options.Warnings)
            {
                StorageLog.ConfigurationWarning(logger, options.NodeId, warning);
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                var healthAddress = healthPort is { } h ? $"http://{RunningStorageNode.FormatHost(options.BindAddress)}:{h}" : "(disabled)";
                var dataDirectory = Path.GetFullPath(options.DataDirectory);
                var durability = options.Durability.ToString();
                StorageLog.Started(logger, options.NodeId, engine.Incarnation, node.Address, healthAddress, dataDirectory, durability, engine.Stats.Keys);
            }

            if (!options.ServesTls && !ServerTls.IsLoopback(options.BindAddress))
            {
                TlsLog.PlaintextOnNetwork(logger, "Storage node " + options.NodeId + " gRPC", node.Address, "TLS_CERT_FILE, TLS_KEY_FILE and TLS_CLIENT_CA_FILE");
            }

            return node;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(
        StorageNodeOptions options,
        StorageEngine engine,
        Action<ILoggingBuilder>? configureLogging,
        Listeners listeners)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StorageNodeServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Per-request hosting and gRPC logs (one per refused call, too) would cost more than a write itself; keep
        // ASP.NET Core and grpc-dotnet to warnings.
        AspNetCoreLogFilters.Apply(builder.Logging, LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        StorageLifecycle.ConfigureLogging(builder.Logging);
        if (configureLogging is not null)
        {
            builder.Logging.ClearProviders();
            configureLogging(builder.Logging);
        }
        else
        {
            JsonLogging.Configure(builder.Logging, options.LogLevel);
        }

        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = options.MaxMessageBytes;
            o.MaxSendMessageSize = options.MaxMessageBytes;
            o.Interceptors.Add<DrainInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        var drain = new DrainGate();
        var health = new HealthProbe(engine, options, drain);
        StorageLifecycle.ConfigureServices(builder.Services, options);
        StorageMetricsEndpoint.ConfigureServices(builder.Services, options);

        // Last of the gRPC registrations: every request's strings are checked for UTF-8 before protobuf parses them.
        builder.Services.AddCheckedRequestBinding();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(_ => drain);
        builder.Services.AddSingleton(health);
        builder.Services.AddSingleton<StorageNodeGrpcService>();

        var address = IPAddress.Parse(options.BindAddress);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The one size cap is gRPC's message limit (derived from MAX_VALUE_BYTES and MAX_BATCH_BYTES), read from the
            // 5-byte frame header before the body is buffered, and answered RESOURCE_EXHAUSTED. A Kestrel body cap as
            // well (its default is 30 MB) is checked on every read: when more than it had arrived before gRPC looked at
            // the header, Kestrel's exception replaced that status with UNKNOWN "Exception was thrown by handler" (found
            // by the API fuzz test).
            kestrel.Limits.MaxRequestBodySize = null;
            var tls = LoadTls(options, kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>());
            kestrel.Listen(address, options.ServerPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                tls?.Apply(listen);
                listeners.Grpc = listen;
            });
            if (options.HealthPort is { } healthPort)
            {
                kestrel.Listen(address, healthPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listeners.Health = listen;
                });
            }

            if (options.MetricsPort is { } metricsPort)
            {
                kestrel.Listen(address, metricsPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listeners.Metrics = listen;
                });
            }
        });

        var app = builder.Build();

        // Before anything reads the call's deadline: a far grpc-timeout becomes the configured maximum.
        app.Use(new GrpcTimeoutClamp(options.MaxDeadline).Middleware);

        // Requests arriving on the health listener never reach gRPC routing, and gRPC clients never see the probes.
        app.Use(next => context =>
            listeners.Health is { } healthListen && context.Connection.LocalPort == healthListen.IPEndPoint!.Port
                ? HealthEndpoints.HandleAsync(context, health)
                : next(context));
        StorageMetricsEndpoint.Map(app, () => listeners.Metrics?.IPEndPoint?.Port);
        // The storage service is mapped first: grpc-dotnet attaches its catch-all for unknown services to the first mapping.
        app.MapGrpcService<StorageNodeGrpcService>().Add(UnimplementedMethodMessage.Apply);
        StorageLifecycle.Map(app, drain);
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The gRPC listener's mutual TLS, or null for plaintext; throws <see cref="StorageConfigurationException"/> when a file cannot be loaded.</summary>
    private static ServerTls? LoadTls(StorageNodeOptions options, ILoggerFactory loggers)
    {
        if (!options.ServesTls)
        {
            return null;
        }

        try
        {
            var certificate = PemCertificateFile.Open(options.TlsCertFile!, options.TlsKeyFile!, loggers.CreateLogger("PairDb.Storage.Tls"));
            return new ServerTls(certificate, CertificateAuthority.Load(options.TlsClientCaFile!), RequireClientCertificate: true, options.TlsHandshakeTimeout);
        }
        catch (InvalidDataException ex)
        {
            throw new StorageConfigurationException("TLS_CERT_FILE, TLS_KEY_FILE, TLS_CLIENT_CA_FILE: " + ex.Message, ex);
        }
    }

    /// <summary>The listen options Kestrel fills in with the bound endpoints once started.</summary>
    private sealed class Listeners
    {
        public ListenOptions? Grpc { get; set; }

        public ListenOptions? Health { get; set; }

        public ListenOptions? Metrics { get; set; }
    }
}
