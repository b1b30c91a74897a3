namespace PairDb.Rpc.Client;

/// <summary>Per-call settings: deadline (as a timeout), request metadata and cancellation.</summary>
public readonly record struct CallOptions(
    TimeSpan? Timeout = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    CancellationToken CancellationToken = default);
