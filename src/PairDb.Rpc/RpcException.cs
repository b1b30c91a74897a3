namespace PairDb.Rpc;

/// <summary>
/// A call that ended with a non-OK gRPC status. Server handlers throw it to answer with that status;
/// clients receive it for every non-OK status, whether the server sent it or the client decided it locally.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(StatusCode statusCode, string detail)
        : base($"Status({statusCode}, \"{detail}\")")
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    public RpcException(StatusCode statusCode, string detail, Exception innerException)
        : base($"Status({statusCode}, \"{detail}\")", innerException)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    public RpcException()
        : this(StatusCode.Unknown, string.Empty)
    {
    }

    public RpcException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    public RpcException(string message, Exception innerException)
        : this(StatusCode.Unknown, message, innerException)
    {
    }

    public StatusCode StatusCode { get; }

    /// <summary>The status message (grpc-message), decoded.</summary>
    public string Detail { get; }
}
