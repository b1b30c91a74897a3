namespace PairDb.Actors.Kernel;

/// <summary>Handle to an actor (Akka's IActorRef): the only way to send it messages.</summary>
public interface IActorRef
{
    /// <summary>Diagnostic address, e.g. <c>/user/ring</c>.</summary>
    string Path { get; }

    /// <summary>
    /// Enqueues a message without waiting. Never blocks and never queues beyond the mailbox bound:
    /// a full mailbox answers <see cref="TellResult.MailboxFull"/> at once.
    /// </summary>
    TellResult Tell(object message, IActorRef? sender = null);

    /// <summary>
    /// Sends a message whose handler replies through <c>Context.Sender</c>. The task fails with
    /// <see cref="AskTimeoutException"/> once <paramref name="timeout"/> passes on the system's TimeProvider,
    /// at once with <see cref="MailboxFullException"/> or <see cref="ActorStoppedException"/> when refused,
    /// and with <see cref="ActorCrashedException"/> when the handler of this message throws.
    /// </summary>
    Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default);
}
