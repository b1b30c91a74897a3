using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Google.Protobuf;
using PairDb.Messages.Protocols;
using Wire = PairDb.Messages.Migration.Proto;

namespace PairDb.Messages.Serialization;

/// <summary>
/// Akka.NET serializer for the migration singleton: the start requests and replies that cross coordinator nodes
/// through the singleton proxy, and the events it persists in the Akka.Persistence journal. Protobuf messages of
/// protos/migration_messages.proto under short string manifests, so that neither the wire nor the journal falls back
/// to Akka's reflection-based default. Register it with <see cref="Config"/> (HOCON).
/// </summary>
public sealed class MigrationMessageSerializer : SerializerWithStringManifest
{
    /// <summary>
    /// Fixed, not derived: the identifier travels in every remote envelope and is stored with every journal row, and
    /// picks the deserializer when read, so every build must agree on it. Next to <see cref="ClusterMessageSerializer"/>'s
    /// 7301; used by no other serializer this project loads.
    /// </summary>
    public const int SerializerIdentifier = 7302;

    /// <summary>The serializer's name in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "pairdb-migration";

    /// <summary>The constructor Akka calls.</summary>
    public MigrationMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>The types bound to this serializer: the request, both replies, and the events (through their base).</summary>
    public static IReadOnlyList<Type> BoundTypes { get; } =
        [typeof(StartMigration), typeof(MigrationAccepted), typeof(MigrationRefused), typeof(MigrationEvent)];

    /// <summary>The <c>akka.actor</c> HOCON that registers this serializer and binds <see cref="BoundTypes"/> to it.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(SerializerHocon.Build(Name, typeof(MigrationMessageSerializer), BoundTypes));

    /// <inheritdoc />
    public override int Identifier => SerializerIdentifier;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        StartMigration => Manifests.Start,
        MigrationAccepted => Manifests.Accepted,
        MigrationRefused => Manifests.Refused,
        MigrationBegun => Manifests.Begun,
        MigrationTaskCompleted => Manifests.TaskCompleted,
        MigrationEnded => Manifests.Ended,
        _ => throw Unsupported(o),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        IMessage proto = obj switch
        {
            StartMigration command => MigrationMessageMapping.ToWire(command),
            MigrationAccepted reply => MigrationMessageMapping.ToWire(reply),
            MigrationRefused reply => MigrationMessageMapping.ToWire(reply),
            MigrationBegun begun => new Wire.MigrationMarker { MigrationId = begun.MigrationId },
            MigrationTaskCompleted completed => MigrationMessageMapping.ToWire(completed),
            MigrationEnded ended => new Wire.MigrationMarker { MigrationId = ended.MigrationId },
            _ => throw Unsupported(obj),
        };
        return proto.ToByteArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return manifest switch
            {
                Manifests.Start => MigrationMessageMapping.FromWire(Wire.StartMigration.Parser.ParseFrom(bytes)),
                Manifests.Accepted => MigrationMessageMapping.FromWire(Wire.MigrationAccepted.Parser.ParseFrom(bytes)),
                Manifests.Refused => MigrationMessageMapping.FromWire(Wire.MigrationRefused.Parser.ParseFrom(bytes)),
                Manifests.Begun => new MigrationBegun(Wire.MigrationMarker.Parser.ParseFrom(bytes).MigrationId),
                Manifests.TaskCompleted => MigrationMessageMapping.FromWire(Wire.MigrationTaskCompleted.Parser.ParseFrom(bytes)),
                Manifests.Ended => new MigrationEnded(Wire.MigrationMarker.Parser.ParseFrom(bytes).MigrationId),
                _ => throw new SerializationException(
                    $"{nameof(MigrationMessageSerializer)} ({SerializerIdentifier}) knows no manifest '{manifest}': "
                    + "it was written by a newer build."),
            };
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SerializationException(
                $"{nameof(MigrationMessageSerializer)} ({SerializerIdentifier}) could not parse a '{manifest}' message of {bytes.Length} bytes.", e);
        }
    }

    private static ArgumentException Unsupported(object? message) => new(
        $"{nameof(MigrationMessageSerializer)} cannot serialize {message?.GetType().FullName ?? "null"}: bind only {string.Join(", ", BoundTypes)} to it.");

    /// <summary>Short, stable manifests: they travel with every message, are stored with every event, and must never be renamed.</summary>
    private static class Manifests
    {
        public const string Start = "mstart";
        public const string Accepted = "mok";
        public const string Refused = "mno";
        public const string Begun = "mbegun";
        public const string TaskCompleted = "mtask";
        public const string Ended = "mended";
    }
}
