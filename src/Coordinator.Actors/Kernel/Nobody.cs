namespace PairDb.Actors.Kernel;

/// <summary>The sender of messages that have none (Akka's ActorRefs.Nobody): replies to it are dropped.</summary>
public sealed class Nobody : IActorRef
{
    private Nobody()
    {
    }

    /// <summary>The single instance.</summary>
    public static Nobody Instance { get; } = new();

    public string Path => "/nobody";

    public TellResult Tell(object message, IActorRef? sender = null) => TellResult.Stopped;

    public Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Task.FromException<TReply>(new ActorStoppedException(Path));
}
