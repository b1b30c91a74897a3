using Grpc.Core;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// What one poll of a bounded wait may fail with while a stalled process does not answer in time: the wait keeps it as
/// the last state it saw and polls again, until its own bound.
/// </summary>
public static class TransientRpc
{
    /// <summary>True for UNAVAILABLE and DEADLINE_EXCEEDED.</summary>
    public static bool Is(RpcException exception) =>
        exception is { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };
}
