using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Client.Internal;

/// <summary>The one place where failed calls and failed batch items become the client's exceptions.</summary>
internal static class ErrorMapping
{
    /// <summary>A condition failure (FAILED_PRECONDITION with a WriteConditionFailed detail) or any other status.</summary>
    public static PairDbException ToException(RpcException error)
    {
        if (error.StatusCode == StatusCode.FailedPrecondition && error.GetRpcStatus()?.GetDetail<WriteConditionFailed>() is { } failed)
        {
            return new PairDbConditionFailedException(error.Status.Detail, ProtoMapping.ToClock(failed.CurrentClock), failed.Exists, error);
        }

        return new PairDbException(error.StatusCode, error.Status.Detail, error);
    }

    /// <summary>The exception of a failed batch item; null for OK.</summary>
    public static PairDbException? ToException(ItemStatus? status)
    {
        if (status is null || status.Code == (int)StatusCode.OK)
        {
            return null;
        }

        return status.ConditionFailed is { } failed
            ? new PairDbConditionFailedException(status.Message, ProtoMapping.ToClock(failed.CurrentClock), failed.Exists)
            : new PairDbException((StatusCode)status.Code, status.Message);
    }
}
