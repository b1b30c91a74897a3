namespace PairDb.Actors.Kernel;

/// <summary>What an actor can see and do from inside its handlers (Akka's IActorContext).</summary>
public interface IActorContext
{
    /// <summary>This actor's own reference, to hand to others.</summary>
    IActorRef Self { get; }

    /// <summary>Sender of the message being handled; an Ask's reply channel, or <see cref="Nobody"/>.</summary>
    IActorRef Sender { get; }

    /// <summary>The system this actor runs in (its TimeProvider, counters).</summary>
    ActorSystem System { get; }

    /// <summary>Keyed timers that send messages to this actor.</summary>
    ITimerScheduler Timers { get; }

    /// <summary>Stops this actor after the current message; queued asks fail with <see cref="ActorStoppedException"/>.</summary>
    void Stop();

    /// <summary>
    /// Delivers the outcome of <paramref name="task"/> back to this actor as a message (Akka's PipeTo(Self)),
    /// so the mailbox stays responsive while the work runs. The mapping runs on the actor, like a handler.
    /// The result bypasses the mailbox bound: the actor started the work, so it must never lose its outcome.
    /// </summary>
    void PipeToSelf<T>(Task<T> task, Func<T, object> onSuccess, Func<Exception, object> onFailure);
}
