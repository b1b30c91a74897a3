using System.Runtime.Serialization;
using Google.Protobuf;
using PairDb.Messages.Proto;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using Wire = PairDb.Messages.Cluster.Proto;

namespace PairDb.Messages.Serialization;

/// <summary>
/// The cluster messages to their protos/cluster_messages.proto form and back; clocks go through
/// <see cref="ProtoMapping"/> (the storage wire's shape). Reading checks what the domain needs to be well-formed
/// (known enum values) and throws <see cref="SerializationException"/> otherwise.
/// </summary>
internal static class ClusterMessageMapping
{
    public static Wire.WriteKey ToWire(WriteKey command, DateTime nowUtc) => new()
    {
        TenantId = command.TenantId,
        Key = command.Key,
        // Wrapped, not copied: the command's value is never written after it is built (the edge wraps the request's
        // immutable ByteString), so the proto may share it until ToByteArray copies it into the outgoing frame.
        Value = UnsafeByteOperations.UnsafeWrap(command.Value),
        Tombstone = command.Tombstone,
        Consistency = ToWire(command.Consistency),
        ReplicationFactor = command.ReplicationFactor,
        IdempotencyKey = command.IdempotencyKey,
        ClientIdempotencyKey = command.ClientIdempotencyKey,
        RemainingMicros = RemainingTime.ToWire(command.DeadlineUtc, nowUtc),
        Context = ToWireClock(command.Context),
        IfClock = ToWireClock(command.IfClock),
        IfAbsent = command.IfAbsent,
        TtlMs = command.TtlMillis,
    };

    // The parsed ByteString owns its bytes (Google.Protobuf copies bytes fields out of the input once); Memory wraps them.
    public static WriteKey FromWire(Wire.WriteKey proto, DateTime nowUtc) => new(
        proto.TenantId,
        proto.Key,
        proto.Value.Memory,
        proto.Tombstone,
        FromWire(proto.Consistency),
        proto.ReplicationFactor,
        proto.IdempotencyKey,
        proto.ClientIdempotencyKey,
        RemainingTime.FromWire(proto.RemainingMicros, nowUtc),
        proto.Context is null ? null : ProtoMapping.ToClock(proto.Context.Entries),
        proto.IfClock is null ? null : ProtoMapping.ToClock(proto.IfClock.Entries),
        proto.IfAbsent,
        proto.TtlMs);

    public static Wire.ConditionFailed ToWire(WriteConditionFailed reply)
    {
        var proto = new Wire.ConditionFailed { Exists = reply.Exists, Message = reply.Message };
        ProtoMapping.AddClockEntries(reply.Current, proto.Current);
        return proto;
    }

    public static WriteConditionFailed FromWire(Wire.ConditionFailed proto) =>
        new(ProtoMapping.ToClock(proto.Current), proto.Exists, proto.Message);

    private static Wire.Clock? ToWireClock(VectorClock? clock)
    {
        if (clock is null)
        {
            return null;
        }

        var proto = new Wire.Clock();
        ProtoMapping.AddClockEntries(clock, proto.Entries);
        return proto;
    }

    public static Wire.WriteSucceeded ToWire(WriteSucceeded reply)
    {
        var proto = new Wire.WriteSucceeded
        {
            ReplicaCount = reply.ReplicaCount,
            Consistency = ToWire(reply.Consistency),
            IdempotencyKey = reply.IdempotencyKey,
            IsDuplicate = reply.IsDuplicate,
            Owner = reply.Owner,
        };
        ProtoMapping.AddClockEntries(reply.Clock, proto.Clock);
        return proto;
    }

    public static WriteSucceeded FromWire(Wire.WriteSucceeded proto) => new(
        ProtoMapping.ToClock(proto.Clock), proto.ReplicaCount, FromWire(proto.Consistency), proto.IdempotencyKey, proto.IsDuplicate, proto.Owner);

    public static Wire.Failed ToWire(FailureKind kind, string message) => new() { Kind = ToWire(kind), Message = message };

    public static Wire.Consistency ToWire(Consistency consistency) => consistency switch
    {
        Consistency.Quorum => Wire.Consistency.Quorum,
        Consistency.One => Wire.Consistency.One,
        Consistency.All => Wire.Consistency.All,
        _ => throw new ArgumentOutOfRangeException(nameof(consistency), consistency, "No wire form for this consistency."),
    };

    public static Consistency FromWire(Wire.Consistency consistency) => consistency switch
    {
        Wire.Consistency.Quorum => Consistency.Quorum,
        Wire.Consistency.One => Consistency.One,
        Wire.Consistency.All => Consistency.All,
        _ => throw new SerializationException($"Unknown consistency {(int)consistency} on the cluster wire."),
    };

    public static Wire.FailureKind ToWire(FailureKind kind) => kind switch
    {
        FailureKind.QuorumNotReached => Wire.FailureKind.QuorumNotReached,
        FailureKind.DeadlineExceeded => Wire.FailureKind.DeadlineExceeded,
        FailureKind.Overloaded => Wire.FailureKind.Overloaded,
        FailureKind.IdempotencyConflict => Wire.FailureKind.IdempotencyConflict,
        FailureKind.IdempotencyInProgress => Wire.FailureKind.IdempotencyInProgress,
        FailureKind.NoReplicas => Wire.FailureKind.NoReplicas,
        FailureKind.DependencyUnavailable => Wire.FailureKind.DependencyUnavailable,
        FailureKind.Internal => Wire.FailureKind.Internal,
        FailureKind.ConditionConflict => Wire.FailureKind.ConditionConflict,
        FailureKind.ReplicasDown => Wire.FailureKind.ReplicasDown,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No wire form for this failure kind."),
    };

    public static FailureKind FromWire(Wire.FailureKind kind) => kind switch
    {
        Wire.FailureKind.QuorumNotReached => FailureKind.QuorumNotReached,
        Wire.FailureKind.DeadlineExceeded => FailureKind.DeadlineExceeded,
        Wire.FailureKind.Overloaded => FailureKind.Overloaded,
        Wire.FailureKind.IdempotencyConflict => FailureKind.IdempotencyConflict,
        Wire.FailureKind.IdempotencyInProgress => FailureKind.IdempotencyInProgress,
        Wire.FailureKind.NoReplicas => FailureKind.NoReplicas,
        Wire.FailureKind.DependencyUnavailable => FailureKind.DependencyUnavailable,
        Wire.FailureKind.Internal => FailureKind.Internal,
        Wire.FailureKind.ConditionConflict => FailureKind.ConditionConflict,
        Wire.FailureKind.ReplicasDown => FailureKind.ReplicasDown,
        _ => throw new SerializationException($"Unknown failure kind {(int)kind} on the cluster wire."),
    };
}
