using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Google.Protobuf;
using PairDb.Messages.Protocols;
using Wire = PairDb.Messages.Cluster.Proto;

namespace PairDb.Messages.Serialization;

/// <summary>
/// Akka.NET serializer for the write commands and replies that cross coordinator nodes (Akka.Remote, cluster sharding)
/// and the ring-change notice they publish (reads never cross: each coordinator reads through its own aggregators):
/// protobuf messages of protos/cluster_messages.proto under short string manifests, so that no message between
/// coordinators falls back to Akka's reflection-based default. Register it with <see cref="Config"/> (HOCON) or, in
/// Akka.Hosting, <c>WithCustomSerializer(Name, BoundTypes, system => new ClusterMessageSerializer(system))</c>.
/// </summary>
public sealed class ClusterMessageSerializer : SerializerWithStringManifest
{
    /// <summary>
    /// Fixed, not derived: the identifier travels in every remote envelope and picks the deserializer on the receiving
    /// node, so every coordinator (every build, through rolling upgrades) must agree on it. Akka reserves 0..100 for
    /// its own serializers; 7301 is used by no serializer this project loads.
    /// </summary>
    public const int SerializerIdentifier = 7301;

    /// <summary>The serializer's name in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "pairdb-cluster";

    private readonly TimeProvider _time;

    /// <summary>The constructor Akka calls; deadlines are read against the system clock.</summary>
    public ClusterMessageSerializer(ExtendedActorSystem system)
        : this(system, TimeProvider.System)
    {
    }

    /// <summary>With the clock that turns deadlines into remaining time and back (tests pass a fake one).</summary>
    public ClusterMessageSerializer(ExtendedActorSystem system, TimeProvider time)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>
    /// The types bound to this serializer: the command, and the abstract reply so that every reply of its family (Akka
    /// picks the most specific binding) uses it.
    /// </summary>
    public static IReadOnlyList<Type> BoundTypes { get; } = [typeof(WriteKey), typeof(WriteReply), typeof(RingChanged)];

    /// <summary>The <c>akka.actor</c> HOCON that registers this serializer and binds <see cref="BoundTypes"/> to it.</summary>
    public static string Hocon { get; } = SerializerHocon.Build(Name, typeof(ClusterMessageSerializer), BoundTypes);

    /// <summary><see cref="Hocon"/> parsed: <c>ClusterMessageSerializer.Config.WithFallback(...)</c>, or AddHocon in Akka.Hosting.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(Hocon);

    /// <inheritdoc />
    public override int Identifier => SerializerIdentifier;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        WriteKey => Manifests.WriteKey,
        WriteSucceeded => Manifests.WriteSucceeded,
        WriteFailed => Manifests.WriteFailed,
        WriteConditionFailed => Manifests.WriteConditionFailed,
        RingChanged => Manifests.RingChanged,
        _ => throw Unsupported(o),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        if (obj is RingChanged)
        {
            return [];
        }

        IMessage proto = obj switch
        {
            WriteKey command => ClusterMessageMapping.ToWire(command, _time.GetUtcNow().UtcDateTime),
            WriteSucceeded reply => ClusterMessageMapping.ToWire(reply),
            WriteFailed reply => ClusterMessageMapping.ToWire(reply.Kind, reply.Message),
            WriteConditionFailed reply => ClusterMessageMapping.ToWire(reply),
            _ => throw Unsupported(obj),
        };

        // Akka's API wants an array: this is the one copy of the value on the way out.
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
                Manifests.WriteKey => ClusterMessageMapping.FromWire(Wire.WriteKey.Parser.ParseFrom(bytes), _time.GetUtcNow().UtcDateTime),
                Manifests.WriteSucceeded => ClusterMessageMapping.FromWire(Wire.WriteSucceeded.Parser.ParseFrom(bytes)),
                Manifests.WriteFailed => WriteFailure(Wire.Failed.Parser.ParseFrom(bytes)),
                Manifests.WriteConditionFailed => ClusterMessageMapping.FromWire(Wire.ConditionFailed.Parser.ParseFrom(bytes)),
                Manifests.RingChanged => RingChanged.Instance,
                _ => throw new SerializationException(
                    $"{nameof(ClusterMessageSerializer)} ({SerializerIdentifier}) knows no manifest '{manifest}': "
                    + "the sending coordinator may run a newer build."),
            };
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SerializationException(
                $"{nameof(ClusterMessageSerializer)} ({SerializerIdentifier}) could not parse a '{manifest}' message of {bytes.Length} bytes.", e);
        }
    }

    private static WriteFailed WriteFailure(Wire.Failed proto) => new(ClusterMessageMapping.FromWire(proto.Kind), proto.Message);

    private static ArgumentException Unsupported(object? message) => new(
        $"{nameof(ClusterMessageSerializer)} cannot serialize {message?.GetType().FullName ?? "null"}: bind only {string.Join(", ", BoundTypes)} to it.");

    /// <summary>Short, stable manifests: they travel with every message and must never be renamed.</summary>
    private static class Manifests
    {
        public const string WriteKey = "wk";
        public const string WriteSucceeded = "wok";
        public const string WriteFailed = "wfail";
        public const string WriteConditionFailed = "wcond";
        public const string RingChanged = "ring";
    }
}
