using Microsoft.Extensions.Logging;

namespace PairDb.Rpc;

/// <summary>Source-generated log messages of the RPC layer, with stable event ids.</summary>
internal static partial class RpcLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Handler of {Method} threw; answered INTERNAL.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string method);
}
