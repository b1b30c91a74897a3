using Akka.Actor;

namespace PairDb.Actors.Support;

/// <summary>
/// Props that build an actor by calling a factory delegate. Akka's expression-based Props.Create evaluates the
/// expression's arguments on every spawn, too slow for actors made per request; this calls the delegate directly.
/// Such Props hold references to local services, so they are for local spawning only (never remote deployment).
/// </summary>
public static class ActorProps
{
    /// <summary>The deployment of <see cref="Brief"/> actors, made once: Props.WithMailbox would build (and parse) a new one per spawn.</summary>
    private static readonly Deploy BriefDeploy = Deploy.None.WithMailbox(CompactMailbox.Id);

    public static Props Of<TActor>(Func<TActor> factory)
        where TActor : ActorBase => Props.CreateBy(new FactoryProducer<TActor>(factory));

    /// <summary>
    /// Props for an actor created per key or per request that holds few messages at a time: as <see cref="Of"/>, with
    /// the <see cref="CompactMailbox"/> (its actor system must include <see cref="CompactMailbox.Registration"/>).
    /// </summary>
    public static Props Brief<TActor>(Func<TActor> factory)
        where TActor : ActorBase => new BriefProps(Of(factory));

    private sealed class FactoryProducer<TActor>(Func<TActor> factory) : IIndirectActorProducer
        where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => factory();

        public void Release(ActorBase actor)
        {
        }
    }

    private sealed class BriefProps : Props
    {
        public BriefProps(Props props)
            : base(props) => Deploy = BriefDeploy;
    }
}
