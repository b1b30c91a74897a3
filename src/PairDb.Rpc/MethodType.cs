namespace PairDb.Rpc;

/// <summary>The call shapes this layer supports.</summary>
public enum MethodType
{
    /// <summary>One request message, one response message.</summary>
    Unary,

    /// <summary>One request message, a stream of response messages.</summary>
    ServerStreaming,
}
