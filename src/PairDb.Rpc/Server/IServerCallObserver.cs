namespace PairDb.Rpc.Server;

/// <summary>
/// Told about every call the server finished (metrics, failure logs): registered as
/// <see cref="GrpcServerOptions.CallObserver"/>. Runs on the request path after the status was sent, so it must be
/// cheap and must not throw.
/// </summary>
public interface IServerCallObserver
{
    void OnCallCompleted(in CompletedCall call);
}
