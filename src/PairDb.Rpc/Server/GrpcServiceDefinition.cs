using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PairDb.Rpc.Server;

/// <summary>A service's methods, ready to map onto endpoint routing: path plus a request-delegate factory.</summary>
public sealed class GrpcServiceDefinition
{
    internal GrpcServiceDefinition(string serviceName, IReadOnlyList<MethodBinding> methods)
    {
        ServiceName = serviceName;
        Methods = methods;
    }

    public string ServiceName { get; }

    internal IReadOnlyList<MethodBinding> Methods { get; }

    /// <summary>One method: its path and how to build its request delegate once options and logger are known.</summary>
    internal sealed record MethodBinding(string FullName, Func<GrpcServerOptions, ILogger, RequestDelegate> CreateDelegate);
}
