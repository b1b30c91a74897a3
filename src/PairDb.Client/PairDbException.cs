using Grpc.Core;

namespace PairDb.Client;

/// <summary>A call the coordinator refused or that failed after every retry the policy allowed; <see cref="StatusCode"/> says why.</summary>
public class PairDbException : Exception
{
    /// <summary>Creates the exception for a failed call or batch item.</summary>
    public PairDbException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The gRPC status the call (or batch item) ended with.</summary>
    public StatusCode StatusCode { get; }
}
