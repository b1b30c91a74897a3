using Grpc.Core;

namespace PairDb.Coordinator.Replicas;

/// <summary>One call's outcome inside a batch RPC: its response, or the error its own call would have ended with.</summary>
internal readonly record struct ItemOutcome<TResponse>(TResponse? Response, RpcException? Error)
    where TResponse : class;
