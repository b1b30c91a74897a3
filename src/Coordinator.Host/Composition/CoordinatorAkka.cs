using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using PairDb.Actors.Support;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Edge;
using PairDb.Messages.Serialization;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The coordinator's Akka.NET actor system, hosted by Akka.Hosting in the Generic Host: cluster provider over
/// Akka.Remote, keep-majority split-brain resolver, sharding without remembered entities and with idle passivation, the
/// protobuf serializers for messages that cross nodes and for persisted events, the migration singleton's journal,
/// Akka's log routed to the host's loggers. The runtime then joins
/// the configured seeds, or this node itself when there are none (a one-node cluster).
/// </summary>
public static class CoordinatorAkka
{
    /// <summary>The actor system's name: part of every cluster address (akka.tcp://pairdb@host:port, akka.ssl.tcp:// over TLS).</summary>
    public const string SystemName = "pairdb";

    /// <summary>How long a fresh node may take to become Up before the start fails.</summary>
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Registers the actor system with the host (Akka.Hosting's AddAkka); it starts and stops with it.</summary>
    public static IServiceCollection AddCoordinatorAkka(this IServiceCollection services, CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddAkka(SystemName, (akka, provider) => akka
            .AddHocon(
                Config(options).WithFallback(ClusterMessageSerializer.Config).WithFallback(CompactMailbox.Registration),
                HoconAddMode.Prepend)
            .WithClusterTls(CoordinatorTls.ForCluster(options, provider.GetRequiredService<ILoggerFactory>()))
            .WithMigrationJournal(options)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            }));
    }

    /// <summary>Joins the seeds (or this node itself without seeds) and returns once this node is Up.</summary>
    public static async Task JoinAsync(ActorSystem system, CoordinatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        var seeds = options.Cluster.Seeds;
        if (seeds.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }
        else
        {
            // Parsed as operators' host:port always is, so a bracketed IPv6 seed becomes the address Akka compares.
            cluster.JoinSeedNodes(seeds.Select(seed => ClusterAddresses.TryParse(seed.ToString(), cluster.SelfAddress, out var address, out var error)
                ? address
                : throw new InvalidOperationException("Seed " + error)));
        }

        await up.Task.WaitAsync(JoinTimeout, cancellationToken);
    }

    private static Config Config(CoordinatorOptions options)
    {
        var invariant = CultureInfo.InvariantCulture;
        var hocon = string.Create(invariant, $$"""
            akka {
              stdout-loglevel = OFF
              # The host decides when the system stops: after the server drained, the runtime leaves the cluster. A
              # hook on the process's exit would start that at SIGTERM, under calls still in flight.
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              actor.provider = cluster
              remote.dot-netty.tcp {
                # Listens on the coordinator's bind address and cluster.port, tells other members cluster.hostname and
                # cluster.public_port (0: the port it listens on).
                hostname = "{{options.BindAddress}}"
                public-hostname = "{{options.Cluster.Hostname}}"
                port = {{options.Cluster.Port}}
                public-port = {{options.Cluster.PublicPort}}
                # Mutual TLS between coordinators when the tls.cluster_* files are set (CoordinatorClusterTls).
                enable-ssl = {{(options.Tls.BetweenCoordinators ? "true" : "false")}}
                # A forwarded write carries a whole value: frames as large as the coordinator's other links.
                maximum-frame-size = {{options.MaxMessageBytes}}b
                send-buffer-size = {{options.MaxMessageBytes}}b
                receive-buffer-size = {{options.MaxMessageBytes}}b
              }
              cluster {
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = 7s
                }
                # Akka 1.5.75's singleton proxy starts this warning's timer with no initial delay, so it fires at every
                # start, before the singleton could be found; an unreachable singleton shows as the admin call's timeout.
                singleton-proxy.log-singleton-identification-failure = off
                sharding {
                  # Where each shard lives is kept in distributed data, written to a majority of the members (plus
                  # three, Akka's default write-majority-plus), so it survives the shard coordinator moving when its
                  # node dies. Akka.NET's default, persistence, would keep it in the journal of the node running the
                  # coordinator, here the in-memory one, lost with that node; Akka deprecated persistence mode for this
                  # state in favour of ddata.
                  state-store-mode = ddata
                  remember-entities = off
                  passivate-idle-entity-after = {{(long)options.PassivateAfter.TotalMilliseconds}}ms
                }
              }
            }
            """);
        return ConfigurationFactory.ParseString(hocon);
    }
}
