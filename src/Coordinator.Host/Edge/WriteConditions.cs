using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using ClientClock = PairDb.Protocol.Coordinator.VectorClock;
using DomainClock = PairDb.Messages.Values.VectorClock;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// A write's causal context and condition as the client sent them, checked (at most one of context, if_clock and
/// if_absent; clocks of 0..<see cref="MaxEntries"/> entries with distinct, non-empty ids and positive counters), and the
/// status a failed condition answers: FAILED_PRECONDITION with a proto.WriteConditionFailed detail
/// (google.rpc.Status in grpc-status-details-bin) that carries the key's current clock.
/// </summary>
public sealed record WriteConditions(DomainClock? Context, DomainClock? IfClock, bool IfAbsent)
{
    /// <summary>The most entries a client clock may hold (a storage node's default bound on stored clocks).</summary>
    public const int MaxEntries = 64;

    public static WriteConditions None { get; } = new(null, null, false);

    /// <summary>Checks and converts; a violation is INVALID_ARGUMENT naming the field.</summary>
    public static WriteConditions From(ClientClock? context, ClientClock? ifClock, bool ifAbsent)
    {
        var set = (context is null ? 0 : 1) + (ifClock is null ? 0 : 1) + (ifAbsent ? 1 : 0);
        if (set > 1)
        {
            throw EdgeStatus.InvalidArgument(
                "At most one of context, if_clock and if_absent may be set: if_clock already names every version the write replaces, and if_absent that there is none.");
        }

        return set == 0 ? None : new(ToClock(context, "context"), ToClock(ifClock, "if_clock"), ifAbsent);
    }

    /// <summary>FAILED_PRECONDITION with the current clock and whether the key exists, in the message and as a detail.</summary>
    public static RpcException Failed(Messages.Protocols.WriteConditionFailed failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var detail = new Protocol.Coordinator.WriteConditionFailed
        {
            CurrentClock = Messages.Proto.ProtoMapping.ToProto(failed.Current),
            Exists = failed.Exists,
        };
        var status = new Google.Rpc.Status
        {
            Code = (int)StatusCode.FailedPrecondition,
            Message = failed.Message,
            Details = { Any.Pack(detail) },
        };
        return status.ToRpcException();
    }

    private static DomainClock? ToClock(ClientClock? clock, string field)
    {
        if (clock is null)
        {
            return null;
        }

        var entries = clock.Entries;
        if (entries.Count > MaxEntries)
        {
            throw EdgeStatus.InvalidArgument($"{field} holds {entries.Count} entries; the limit is {MaxEntries}.");
        }

        var list = new ClockEntry[entries.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var entry = entries[i];
            var idBytes = Encoding.UTF8.GetByteCount(entry.CoordinatorNodeId);
            if (idBytes is 0 or > RequestLimits.MaxNodeIdBytes)
            {
                throw EdgeStatus.InvalidArgument($"{field}.entries[{i}].coordinator_node_id must be 1..{RequestLimits.MaxNodeIdBytes} bytes (got {idBytes}).");
            }

            if (entry.LogicalTimestamp <= 0)
            {
                throw EdgeStatus.InvalidArgument($"{field}.entries[{i}].logical_timestamp must be positive (got {entry.LogicalTimestamp}).");
            }

            list[i] = new ClockEntry(entry.CoordinatorNodeId, entry.LogicalTimestamp);
        }

        var result = DomainClock.From(list);
        if (result.Count != list.Length)
        {
            throw EdgeStatus.InvalidArgument($"{field} names a coordinator more than once.");
        }

        return result;
    }
}
