using Akka.Actor;

namespace PairDb.Actors.Support;

/// <summary>
/// Props that build an actor by calling a factory delegate. Akka's expression-based Props.Create evaluates the
/// expression's arguments on every spawn, too slow for actors made per request; this calls the delegate directly.
/// Such Props hold references to local services, so they are for local spawning only (never remote deployment).
/// </summary>
public static class ActorProps
{
    public static Props Of<TActor>(Func<TActor> factory)
        where TActor : ActorBase => Props.CreateBy(new FactoryProducer<TActor>(factory));

    private sealed class FactoryProducer<TActor>(Func<TActor> factory) : IIndirectActorProducer
        where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => factory();

        public void Release(ActorBase actor)
        {
        }
    }
}
