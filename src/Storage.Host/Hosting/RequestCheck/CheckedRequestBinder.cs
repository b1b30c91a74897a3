using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace PairDb.Storage.Hosting.RequestCheck;

/// <summary>
/// Receives a generated service's methods (from its BindService) and adds each to grpc-dotnet with a request marshaller
/// that checks the raw message before handing it on:
/// <list type="bullet">
/// <item>its string fields must be valid UTF-8 (<see cref="Utf8WireCheck"/>): Google.Protobuf would otherwise replace
/// invalid bytes with U+FFFD, and two different keys would become one;</item>
/// <item>it must parse as the method's request type: grpc-dotnet would otherwise answer a malformed message UNKNOWN and
/// log it as a server error.</item>
/// </list>
/// A refusal is an RpcException INVALID_ARGUMENT saying why, which grpc-dotnet answers as that status; no interceptor
/// or handler runs. Handlers are the service's public instance methods of the same name, called on the instance
/// grpc-dotnet activates.
/// </summary>
internal sealed class CheckedRequestBinder<TService> : ServiceBinderBase
    where TService : class
{
    private readonly ServiceMethodProviderContext<TService> _context;

    public CheckedRequestBinder(ServiceMethodProviderContext<TService> context) => _context = context;

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = Handler(method, typeof(TRequest), typeof(ServerCallContext));
        _context.AddUnaryMethod(Checked(method), Metadata(invoker), invoker.CreateDelegate<UnaryServerMethod<TService, TRequest, TResponse>>());
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = Handler(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        _context.AddServerStreamingMethod(Checked(method), Metadata(invoker), invoker.CreateDelegate<ServerStreamingServerMethod<TService, TRequest, TResponse>>());
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = Handler(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        _context.AddClientStreamingMethod(Checked(method), Metadata(invoker), invoker.CreateDelegate<ClientStreamingServerMethod<TService, TRequest, TResponse>>());
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = Handler(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        _context.AddDuplexStreamingMethod(Checked(method), Metadata(invoker), invoker.CreateDelegate<DuplexStreamingServerMethod<TService, TRequest, TResponse>>());
    }

    /// <summary>The same method with its request marshaller checking the message first.</summary>
    private static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var descriptor = typeof(TRequest).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor;
        var plan = descriptor is null ? null : Utf8MessagePlan.For(descriptor);
        var parse = method.RequestMarshaller.ContextualDeserializer;
        var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            if (plan is { HasStrings: true } && Utf8WireCheck.FirstInvalidField(context.PayloadAsReadOnlySequence(), plan) is { } field)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, field + " must be valid UTF-8"));
            }

            try
            {
                return parse(context);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a valid {descriptor?.FullName ?? typeof(TRequest).Name} message: {ex.Message}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }

    /// <summary>The service's public instance method that handles <paramref name="method"/> (the most derived override).</summary>
    private static MethodInfo Handler(IMethod method, params Type[] parameters) =>
        typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
        ?? throw new InvalidOperationException($"{typeof(TService)} has no method {method.Name} for {method.FullName}.");

    /// <summary>Endpoint metadata as grpc-dotnet's own binding gives it: the type's attributes, then the method's, then POST only.</summary>
    private static List<object> Metadata(MethodInfo handler)
    {
        var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        metadata.Add(new Microsoft.AspNetCore.Routing.HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return metadata;
    }
}
