using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PairDb.Messages.Protocols;
using ConditionDetail = PairDb.Protocol.Coordinator.WriteConditionFailed;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// Why one key request failed, as a value: the status code and message a single call answers, and with a failed
/// condition what the key's writer holds now (<paramref name="Condition"/>). A single call throws it
/// (<see cref="ToRpcException"/>); a batch answers it as the item's status (<see cref="BatchResults"/>).
/// </summary>
public sealed record KeyFailure(StatusCode Code, string Message, ConditionDetail? Condition = null)
{
    public static KeyFailure InvalidArgument(string message) => new(StatusCode.InvalidArgument, message);

    public static KeyFailure NotFound(string message) => new(StatusCode.NotFound, message);

    /// <summary>A failed key request of the actor layer, mapped as every key call maps it (<see cref="EdgeStatus.Of"/>).</summary>
    public static KeyFailure Of(FailureKind kind, string message) => new(EdgeStatus.Of(kind), message);

    /// <summary>FAILED_PRECONDITION with the key's current clock and whether it exists, in the message and as the detail.</summary>
    public static KeyFailure ConditionFailed(WriteConditionFailed failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return new(StatusCode.FailedPrecondition, failed.Message, new ConditionDetail
        {
            CurrentClock = Messages.Proto.ProtoMapping.ToProto(failed.Current),
            Exists = failed.Exists,
        });
    }

    /// <summary>What an ask to an actor can throw, as a failure; null for anything else (a bug: it propagates).</summary>
    public static KeyFailure? FromAsk(Exception error) =>
        EdgeStatus.FromAsk(error) is { } status ? new KeyFailure(status.StatusCode, status.Status.Detail) : null;

    /// <summary>
    /// The status a single call ends with; a failed condition travels as a google.rpc.Status in
    /// grpc-status-details-bin carrying the proto.WriteConditionFailed detail.
    /// </summary>
    public RpcException ToRpcException()
    {
        if (Condition is null)
        {
            return new RpcException(new Status(Code, Message));
        }

        var status = new Google.Rpc.Status { Code = (int)Code, Message = Message, Details = { Any.Pack(Condition) } };
        return status.ToRpcException();
    }
}
