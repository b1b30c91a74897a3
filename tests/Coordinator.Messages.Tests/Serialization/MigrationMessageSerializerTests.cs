using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using FluentAssertions;
using PairDb.Messages.Protocols;
using PairDb.Messages.Serialization;
using PairDb.Messages.Values;

namespace PairDb.Messages.Tests.Serialization;

/// <summary>
/// The migration singleton's messages and journal events through a local ActorSystem registered with
/// <see cref="MigrationMessageSerializer.Config"/>: each is bound to the serializer and reads back equal.
/// </summary>
public sealed class MigrationMessageSerializerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
    private ActorSystem _system = null!;

    public static TheoryData<string> MessageNames => [.. Messages().Keys];

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("migration-serializer-tests", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(MigrationMessageSerializer.Config));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Deserialize_BoundMessage_IsTheMigrationSerializerAndReadsBackEqual(string name)
    {
        var message = Messages()[name];
        var serialization = _system.Serialization;
        var serializer = serialization.FindSerializerFor(message);

        var copy = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        serializer.Should().BeOfType<MigrationMessageSerializer>();
        serializer.Identifier.Should().Be(MigrationMessageSerializer.SerializerIdentifier);
        copy.Should().Be(message);
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationException()
    {
        var serializer = new MigrationMessageSerializer((ExtendedActorSystem)_system);

        var act = () => serializer.FromBinary([], "future");

        act.Should().Throw<SerializationException>().WithMessage("*future*");
    }

    [Fact]
    public void FromBinary_RefusalWithoutReason_ThrowsSerializationException()
    {
        var serializer = new MigrationMessageSerializer((ExtendedActorSystem)_system);
        var bytes = serializer.ToBinary(new MigrationRefused(MigrationRefusal.NotFound, "x"));
        bytes[1] = 0; // the reason field's value: unspecified

        var act = () => serializer.FromBinary(bytes, serializer.Manifest(new MigrationRefused(MigrationRefusal.NotFound, "x")));

        act.Should().Throw<SerializationException>().WithMessage("*MigrationRefusal*");
    }

    private static Dictionary<string, object> Messages()
    {
        var record = new MigrationRecord(
            "mig-1", MigrationType.ReplicationFactor, string.Empty, "acme", 2, 3, MigrationStatus.Failed, MigrationPhase.Done, 40, 50,
            T0, T0.AddTicks(10), T0.AddMinutes(1), T0.AddSeconds(30), "target down", "coord-b");
        return new()
        {
            ["StartAdd"] = new StartMigration(new AddNodeRequest(new StorageNode("n4", "10.0.0.4", 50064, 150, StorageNodeStatus.Joining))),
            ["StartRemove"] = new StartMigration(new RemoveNodeRequest("n1", Force: true)),
            ["StartFactor"] = new StartMigration(new ChangeFactorRequest("acme", 3)),
            ["Accepted"] = new MigrationAccepted(record, "accepted"),
            ["AcceptedWithoutMigration"] = new MigrationAccepted(null, "nothing to move"),
            ["AcceptedRunning"] = new MigrationAccepted(record with { Status = MigrationStatus.InProgress, FinishedAt = null, SwitchedAt = null, Error = null, Owner = null }, "m"),
            ["Refused"] = new MigrationRefused(MigrationRefusal.AlreadyExists, "exists"),
            ["Begun"] = new MigrationBegun("mig-1"),
            ["TaskCompleted"] = new MigrationTaskCompleted("mig-1", "acme/1/2/n4", 17),
            ["Ended"] = new MigrationEnded("mig-1"),
        };
    }
}
