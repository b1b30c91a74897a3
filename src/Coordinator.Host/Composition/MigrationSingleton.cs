using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Pattern;
using PairDb.Actors.Migration;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The migration runner as a cluster singleton: every coordinator starts the manager, which runs the runner on the
/// oldest member only and moves it when that member leaves or is downed; every coordinator's admin edge asks it
/// through the proxy. A backoff supervisor restarts a runner that stopped (its journal failed), replaying its events.
/// </summary>
internal static class MigrationSingleton
{
    /// <summary>The runner's persistence id: one journal stream for the whole cluster.</summary>
    public const string PersistenceId = "migration-runner";

    private const string ManagerName = "migrations";

    /// <summary>Starts this node's singleton manager and returns the proxy that reaches the runner wherever it is.</summary>
    public static IActorRef Start(ActorSystem system, MigrationServices services, MigrationSettings settings)
    {
        var runner = BackoffSupervisor.Props(Backoff.OnStop(
            MigrationActor.Props(services, settings, PersistenceId, MigrationJournal.PluginId), "runner", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
        system.ActorOf(ClusterSingletonManager.Props(runner, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), ManagerName);
        return system.ActorOf(ClusterSingletonProxy.Props("/user/" + ManagerName, ClusterSingletonProxySettings.Create(system)), ManagerName + "-proxy");
    }
}
