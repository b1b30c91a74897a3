using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Pattern;
using PairDb.Actors.AntiEntropy;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The anti-entropy scheduler as a cluster singleton: every coordinator starts the manager, which runs the scheduler on
/// the oldest member only and moves it when that member leaves or is downed. Nothing sends it messages (its progress
/// is in the metadata store, where every coordinator reads it for `pairdb repair status`), so there is no proxy. A
/// backoff supervisor restarts a scheduler that stopped.
/// </summary>
internal static class AntiEntropySingleton
{
    private const string ManagerName = "anti-entropy";

    public static void Start(ActorSystem system, AntiEntropyServices services, AntiEntropySettings settings)
    {
        var scheduler = BackoffSupervisor.Props(Backoff.OnStop(
            AntiEntropyActor.Props(services, settings), "scheduler", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
        system.ActorOf(ClusterSingletonManager.Props(scheduler, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), ManagerName);
    }
}
