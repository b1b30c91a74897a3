using Grpc.Core;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Errors;

/// <summary>
/// What a FAILED_PRECONDITION from a write condition (--if-clock, --if-absent) carries in its status detail
/// (google.rpc.Status with proto.WriteConditionFailed): the key's current clock, printed as --if-clock takes it, so the
/// operator can retry from it.
/// </summary>
public static class ConditionDetail
{
    /// <summary>"current clock: coord-a:3, coord-b:1; the key exists", or null when the error carries no such detail.</summary>
    public static string? Describe(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.StatusCode != StatusCode.FailedPrecondition || error.GetRpcStatus()?.GetDetail<WriteConditionFailed>() is not { } failed)
        {
            return null;
        }

        var clock = Cells.FormatClock(ProtoViews.Clock(failed.CurrentClock));
        return $"current clock: {clock}; the key {(failed.Exists ? "exists" : "has no live version")}";
    }
}
