using System.Runtime.Serialization;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using Wire = PairDb.Messages.Migration.Proto;

namespace PairDb.Messages.Serialization;

/// <summary>
/// The migration singleton's messages and events to their protos/migration_messages.proto form and back. Reading
/// checks what the domain needs to be well-formed (known enum values, exactly one request) and throws
/// <see cref="SerializationException"/> otherwise.
/// </summary>
internal static class MigrationMessageMapping
{
    public static Wire.StartMigration ToWire(StartMigration command) => command.Request switch
    {
        AddNodeRequest add => new Wire.StartMigration { AddNode = ToWire(add.Node) },
        RemoveNodeRequest remove => new Wire.StartMigration { RemoveNode = new Wire.RemoveNode { NodeId = remove.NodeId, Force = remove.Force } },
        ChangeFactorRequest change => new Wire.StartMigration
        {
            ChangeFactor = new Wire.ChangeFactor { TenantId = change.TenantId, ReplicationFactor = change.ReplicationFactor },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.Request, "Unknown migration request."),
    };

    public static StartMigration FromWire(Wire.StartMigration proto) => new(proto.RequestCase switch
    {
        Wire.StartMigration.RequestOneofCase.AddNode => new AddNodeRequest(FromWire(proto.AddNode)),
        Wire.StartMigration.RequestOneofCase.RemoveNode => new RemoveNodeRequest(proto.RemoveNode.NodeId, proto.RemoveNode.Force),
        Wire.StartMigration.RequestOneofCase.ChangeFactor => new ChangeFactorRequest(proto.ChangeFactor.TenantId, proto.ChangeFactor.ReplicationFactor),
        _ => throw new SerializationException("A StartMigration carries no request."),
    });

    public static Wire.MigrationAccepted ToWire(MigrationAccepted reply) => new()
    {
        Migration = reply.Migration is { } migration ? ToWire(migration) : null,
        Message = reply.Message,
    };

    public static MigrationAccepted FromWire(Wire.MigrationAccepted proto) =>
        new(proto.Migration is { } migration ? FromWire(migration) : null, proto.Message);

    public static Wire.MigrationRefused ToWire(MigrationRefused reply) => new()
    {
        Reason = (Wire.MigrationRefusal)((int)reply.Reason + 1),
        Message = reply.Message,
    };

    public static MigrationRefused FromWire(Wire.MigrationRefused proto) => new(Shifted<MigrationRefusal>((int)proto.Reason), proto.Message);

    public static Wire.MigrationTaskCompleted ToWire(MigrationTaskCompleted completed) => new()
    {
        MigrationId = completed.MigrationId,
        TaskId = completed.TaskId,
        Keys = completed.Keys,
    };

    public static MigrationTaskCompleted FromWire(Wire.MigrationTaskCompleted proto) => new(proto.MigrationId, proto.TaskId, proto.Keys);

    private static Wire.StorageNode ToWire(StorageNode node) => new()
    {
        NodeId = node.NodeId,
        Host = node.Host,
        Port = node.Port,
        VirtualNodes = node.VirtualNodes,
        Status = (Wire.StorageNodeStatus)((int)node.Status + 1),
    };

    private static StorageNode FromWire(Wire.StorageNode proto) =>
        new(proto.NodeId, proto.Host, proto.Port, proto.VirtualNodes, Shifted<StorageNodeStatus>((int)proto.Status));

    private static Wire.MigrationRecord ToWire(MigrationRecord m)
    {
        var proto = new Wire.MigrationRecord
        {
            Id = m.Id,
            Type = (Wire.MigrationType)((int)m.Type + 1),
            NodeId = m.NodeId,
            TenantId = m.TenantId,
            PreviousReplicationFactor = m.PreviousReplicationFactor,
            ReplicationFactor = m.ReplicationFactor,
            Status = (Wire.MigrationStatus)((int)m.Status + 1),
            Phase = (Wire.MigrationPhase)((int)m.Phase + 1),
            KeysMigrated = m.KeysMigrated,
            TotalKeys = m.TotalKeys,
            StartedAtMicros = Micros(m.StartedAt),
            UpdatedAtMicros = Micros(m.UpdatedAt),
            FinishedAtMicros = m.FinishedAt is { } finished ? Micros(finished) : 0,
            SwitchedAtMicros = m.SwitchedAt is { } switched ? Micros(switched) : 0,
        };
        if (m.Error is { } error)
        {
            proto.Error = error;
        }

        if (m.Owner is { } owner)
        {
            proto.Owner = owner;
        }

        return proto;
    }

    private static MigrationRecord FromWire(Wire.MigrationRecord proto) => new(
        proto.Id,
        Shifted<MigrationType>((int)proto.Type),
        proto.NodeId,
        proto.TenantId,
        proto.PreviousReplicationFactor,
        proto.ReplicationFactor,
        Shifted<MigrationStatus>((int)proto.Status),
        Shifted<MigrationPhase>((int)proto.Phase),
        proto.KeysMigrated,
        proto.TotalKeys,
        Instant(proto.StartedAtMicros),
        Instant(proto.UpdatedAtMicros),
        proto.FinishedAtMicros == 0 ? null : Instant(proto.FinishedAtMicros),
        proto.SwitchedAtMicros == 0 ? null : Instant(proto.SwitchedAtMicros),
        proto.HasError ? proto.Error : null,
        proto.HasOwner ? proto.Owner : null);

    /// <summary>A wire enum value (zero is "unspecified") as the domain enum one below it; refuses unknown values.</summary>
    private static T Shifted<T>(int wire)
        where T : struct, Enum
    {
        var value = (T)(object)(wire - 1);
        return wire > 0 && Enum.IsDefined(value)
            ? value
            : throw new SerializationException($"{typeof(T).Name} value {wire} is unspecified or unknown to this build.");
    }

    private static long Micros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset Instant(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
