using Google.Protobuf;

namespace PairDb.Rpc;

/// <summary>A typed gRPC method: its path on the wire and the parsers of its messages.</summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public Method(MethodType type, string serviceName, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
    }

    public MethodType Type { get; }

    /// <summary>Fully qualified service name, e.g. "storage.StorageNodeService".</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 :path, e.g. "/storage.StorageNodeService/Write".</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; } = new(static () => new TRequest());

    public MessageParser<TResponse> ResponseParser { get; } = new(static () => new TResponse());

    public override string ToString() => FullName;
}
