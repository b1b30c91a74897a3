namespace PairDb.Actors.Kernel;

/// <summary>Reference to an actor of this process; kept apart from the cell so holders cannot reach its context.</summary>
internal sealed class LocalActorRef : IActorRef
{
    public LocalActorRef(ActorCell cell)
    {
        Cell = cell;
    }

    public ActorCell Cell { get; }

    public string Path => Cell.Path;

    public TellResult Tell(object message, IActorRef? sender = null) => Cell.Tell(message, sender);

    public Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Cell.Ask<TReply>(message, timeout, cancellationToken);

    public override string ToString() => Path;
}
