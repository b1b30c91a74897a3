using Akka.Actor;
using Akka.Configuration;
using PairDb.Messages.Serialization;

namespace PairDb.Messages.Tests.Serialization;

/// <summary>
/// A local ActorSystem registered the way a coordinator registers it (<see cref="ClusterMessageSerializer.Config"/>),
/// with <c>serialize-messages</c> on so that every local Tell goes through the bound serializer.
/// </summary>
public sealed class ClusterSystemFixture : IAsyncLifetime
{
    public ActorSystem System { get; private set; } = null!;

    public ExtendedActorSystem Extended => (ExtendedActorSystem)System;

    public Task InitializeAsync()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.serialize-messages = on
            """).WithFallback(ClusterMessageSerializer.Config);
        System = ActorSystem.Create("cluster-serializer-tests", config);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => System.Terminate();
}
