using Google.Protobuf;
using PairDb.Messages.Proto;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>The answers of successful key requests, the same for single calls and batch items.</summary>
public static class KeyResponses
{
    public static WriteKeyValueResponse Written(string key, WriteSucceeded written)
    {
        ArgumentNullException.ThrowIfNull(written);
        return new WriteKeyValueResponse
        {
            Success = true,
            Key = key,
            IdempotencyKey = written.IdempotencyKey,
            VectorClock = ProtoMapping.ToProto(written.Clock),
            ReplicaCount = written.ReplicaCount,
            Consistency = ConsistencyLevels.Name(written.Consistency),
            IsDuplicate = written.IsDuplicate,
        };
    }

    public static DeleteKeyValueResponse Deleted(string key, WriteSucceeded deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        return new DeleteKeyValueResponse
        {
            Success = true,
            Key = key,
            IdempotencyKey = deleted.IdempotencyKey,
            VectorClock = ProtoMapping.ToProto(deleted.Clock),
            ReplicaCount = deleted.ReplicaCount,
            Consistency = ConsistencyLevels.Name(deleted.Consistency),
            IsDuplicate = deleted.IsDuplicate,
        };
    }

    /// <summary>
    /// The winner with the merged clock; every sibling with its clock when the replicas held more than one. A sibling
    /// other than the winner that expired by <paramref name="nowMicros"/> is reported as a tombstone without its value,
    /// as a read treats it, so a client merging siblings never brings an expired value back.
    /// </summary>
    public static ReadKeyValueResponse Found(string key, ReadFound found, long nowMicros)
    {
        ArgumentNullException.ThrowIfNull(found);
        var response = new ReadKeyValueResponse
        {
            Success = true,
            Key = key,
            Value = UnsafeByteOperations.UnsafeWrap(found.Winner.Value),
            VectorClock = ProtoMapping.ToProto(found.MergedClock),
            TimestampMicros = found.Winner.TimestampMicros,
            ExpiresAtMicros = found.Winner.ExpiresAtMicros,
        };
        if (found.Siblings.Count > 1)
        {
            foreach (var sibling in found.Siblings)
            {
                var dead = !ReferenceEquals(sibling, found.Winner) && !sibling.IsLive(nowMicros);
                response.Siblings.Add(new SiblingVersion
                {
                    Value = dead ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(sibling.Value),
                    VectorClock = ProtoMapping.ToProto(sibling.Clock),
                    TimestampMicros = sibling.TimestampMicros,
                    CoordinatorNodeId = sibling.CoordinatorId,
                    Tombstone = dead || sibling.Tombstone,
                    ExpiresAtMicros = sibling.ExpiresAtMicros,
                });
            }
        }

        return response;
    }
}
