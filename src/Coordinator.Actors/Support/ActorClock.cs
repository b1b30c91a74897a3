using Akka.Actor;

namespace PairDb.Actors.Support;

/// <summary>
/// The time actors decide deadlines and stamps by: their system's scheduler clock, which is the wall clock in
/// production and the virtual clock of Akka.TestKit's TestScheduler in specs, so timers and "now" move together.
/// </summary>
public static class ActorClock
{
    public static DateTime UtcNow(this IActorContext context) => context.System.Scheduler.Now.UtcDateTime;
}
