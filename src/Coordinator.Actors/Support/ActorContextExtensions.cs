using Akka.Actor;

namespace PairDb.Actors.Support;

/// <summary>Shorthands the actors share over Akka's own API.</summary>
public static class ActorContextExtensions
{
    /// <summary>
    /// Delivers the outcome of <paramref name="task"/> to this actor as a message (Akka's PipeTo(Self)), so the actor
    /// never awaits in a handler. The mappings run on the task's continuation, not on the actor: keep them pure.
    /// </summary>
    public static void PipeToSelf<T>(this IActorContext context, Task<T> task, Func<T, object> onSuccess, Func<Exception, object> onFailure) =>
        task.PipeTo(context.Self, context.Self, onSuccess, onFailure);
}
