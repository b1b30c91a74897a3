using Akka.Actor;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// The coordinator process's exit code once it stopped serving: 0 after a stop it was asked for (SIGTERM, or a
/// cluster leave), <see cref="Downed"/> when the cluster downed it (the split-brain resolver after a crash-like silence
/// or a network partition, or an operator's `cluster down`). A downed coordinator's actor system has stopped and it
/// cannot rejoin as the same member, so it exits for its supervisor to start it again, as a new member; a non-zero
/// code makes a supervisor that restarts only failed processes (systemd's Restart=on-failure) do so as well.
/// </summary>
public static class CoordinatorExit
{
    /// <summary>Exit code after the cluster downed this coordinator.</summary>
    public const int Downed = 3;

    /// <summary>The exit code for a coordinator whose actor system stopped for <paramref name="system"/>'s shutdown reason.</summary>
    public static int After(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason ? Downed : 0;
}
