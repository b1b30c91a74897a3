using Google.Protobuf;
using PairDb.Rpc.Server.Internal;

namespace PairDb.Rpc.Server;

/// <summary>Collects the handlers of one gRPC service (unary and server-streaming methods).</summary>
public sealed class GrpcServiceBuilder
{
    private readonly string _serviceName;
    private readonly List<GrpcServiceDefinition.MethodBinding> _methods = [];

    public GrpcServiceBuilder(string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        _serviceName = serviceName;
    }

    public GrpcServiceBuilder Unary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Check(method, MethodType.Unary);
        ArgumentNullException.ThrowIfNull(handler);
        _methods.Add(new(method.FullName, (options, logger) =>
            new UnaryServerCallHandler<TRequest, TResponse>(method.FullName, handler, options, logger).HandleAsync));
        return this;
    }

    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Check(method, MethodType.ServerStreaming);
        ArgumentNullException.ThrowIfNull(handler);
        _methods.Add(new(method.FullName, (options, logger) =>
            new ServerStreamingServerCallHandler<TRequest, TResponse>(method.FullName, handler, options, logger).HandleAsync));
        return this;
    }

    public GrpcServiceDefinition Build() => new(_serviceName, [.. _methods]);

    private void Check<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is {method.Type}, not {expected}.", nameof(method));
        }

        if (!string.Equals(method.ServiceName, _serviceName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{method.FullName} does not belong to service {_serviceName}.", nameof(method));
        }

        foreach (var existing in _methods)
        {
            if (string.Equals(existing.FullName, method.FullName, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{method.FullName} is registered twice.", nameof(method));
            }
        }
    }
}
