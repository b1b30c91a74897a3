using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace PairDb.Actors.Support;

/// <summary>
/// The mailbox of actors that are created per key or per request and hold few messages (<see cref="ActorProps.Brief"/>):
/// unbounded, like Akka's default, over a <see cref="CompactMessageQueue"/>. Every actor system that creates such
/// actors includes <see cref="Registration"/>, which registers it under <see cref="Id"/>.
/// </summary>
public sealed class CompactMailbox : MailboxType, IProducesMessageQueue<CompactMessageQueue>
{
    /// <summary>The configuration path the mailbox is registered at.</summary>
    public const string Id = "pairdb.compact-mailbox";

    /// <summary>The registration, for the actor system's configuration.</summary>
    public static Config Registration { get; } = ConfigurationFactory.ParseString(
        $"{Id}.mailbox-type = \"{typeof(CompactMailbox).FullName}, {typeof(CompactMailbox).Assembly.GetName().Name}\"");

    public CompactMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactMessageQueue();
}
