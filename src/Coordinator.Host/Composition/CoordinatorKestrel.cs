using Microsoft.AspNetCore.Server.Kestrel.Core;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Composition;

/// <summary>The coordinator's Kestrel limits, applied by Program.cs and by hosts that start it in-process the same way.</summary>
public static class CoordinatorKestrel
{
    /// <summary>
    /// Bounds what clients can hold open: connections per listener (one more is closed as soon as it is accepted while
    /// the open ones carry on), calls per HTTP/2 connection, and how long a connection without calls stays open. A
    /// request's size is bounded by gRPC's message limit alone (derived from limits.max_value_bytes, checked from the
    /// frame header and answered RESOURCE_EXHAUSTED): Kestrel's own body cap (30 MB) would undercut a larger value
    /// limit and end such calls UNKNOWN.
    /// </summary>
    public static void ApplyLimits(KestrelServerOptions kestrel, CoordinatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
        kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        kestrel.Limits.KeepAliveTimeout = options.IdleTimeout;
        kestrel.Limits.MaxRequestBodySize = null;
    }
}
