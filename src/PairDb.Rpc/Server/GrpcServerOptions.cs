namespace PairDb.Rpc.Server;

/// <summary>Bounds of the gRPC server layer.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted; larger ones are answered RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest response message sent; a handler producing a larger one gets RESOURCE_EXHAUSTED. Default 16 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Upper bound on any call's deadline, and the deadline of calls that send none. Null means none.</summary>
    public TimeSpan? MaxDeadline { get; set; }

    /// <summary>Told about every finished call (method, status, duration, tenant); null means none.</summary>
    public IServerCallObserver? CallObserver { get; set; }
}
