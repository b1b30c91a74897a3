using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using PairDb.Coordinator.Configuration;
using PairDb.Messages.Serialization;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The coordinator's Akka.NET actor system: cluster provider over Akka.Remote, keep-majority split-brain resolver,
/// sharding without remembered entities and with idle passivation, the protobuf serializer for messages that cross
/// nodes, Akka's log routed to the host's loggers. It joins
/// the configured seeds, or itself when there are none (a one-node cluster), and is returned once this node is Up.
/// </summary>
public static class CoordinatorActorSystem
{
    /// <summary>How long a fresh node may take to become Up before the start fails.</summary>
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ActorSystem> StartAsync(CoordinatorOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var setup = BootstrapSetup.Create()
            .WithConfig(Config(options).WithFallback(ClusterMessageSerializer.Config))
            .And(new Akka.Hosting.Logging.LoggerFactorySetup(loggers));
        var system = ActorSystem.Create("pairdb", setup);
        try
        {
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
                cluster.JoinSeedNodes(seeds.Select(seed => new Address("akka.tcp", system.Name, seed.Host, seed.Port)));
            }

            await up.Task.WaitAsync(JoinTimeout, cancellationToken);
            return system;
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    private static Config Config(CoordinatorOptions options)
    {
        var invariant = CultureInfo.InvariantCulture;
        var hocon = string.Create(invariant, $$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = OFF
              loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
              actor.provider = cluster
              remote.dot-netty.tcp {
                # Listens on the coordinator's bind address, tells other members cluster.hostname.
                hostname = "{{options.BindAddress}}"
                public-hostname = "{{options.Cluster.Hostname}}"
                port = {{options.Cluster.Port}}
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
                sharding {
                  remember-entities = off
                  passivate-idle-entity-after = {{(long)options.PassivateAfter.TotalMilliseconds}}ms
                }
              }
            }
            """);
        return ConfigurationFactory.ParseString(hocon);
    }
}
