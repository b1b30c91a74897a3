using Grpc.Core;

namespace PairDb.Coordinator.Replicas;

/// <summary>
/// One call's outcome inside a batch RPC: its response, or the error its own call would have ended with, or
/// <paramref name="Deferred"/>: the storage node left it out because the batch's answer was full, so it goes again.
/// </summary>
internal readonly record struct ItemOutcome<TResponse>(TResponse? Response, RpcException? Error, bool Deferred = false)
    where TResponse : class;
