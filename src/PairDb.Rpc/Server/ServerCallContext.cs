using Microsoft.AspNetCore.Http;

namespace PairDb.Rpc.Server;

/// <summary>What a handler can know about its call: method, deadline, cancellation and request metadata.</summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;

    internal ServerCallContext(HttpContext httpContext, string method, DateTime? deadline, CancellationToken cancellationToken)
    {
        _httpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The full method path, e.g. "/storage.StorageNodeService/Write".</summary>
    public string Method { get; }

    /// <summary>When the call must be answered (UTC), from grpc-timeout; null when the client sent none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cancelled when the deadline passes or the client resets the stream.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The tenant the call acts for, set by a handler once it has read it, so the server layer's observer can name it
    /// in metrics and failure logs. Only the tenant id: never keys or values.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>The remote endpoint as "ip:port".</summary>
    public string Peer => _httpContext.Connection.RemoteIpAddress + ":" + _httpContext.Connection.RemotePort;

    /// <summary>A request metadata value (header names are case-insensitive); null when absent.</summary>
    public string? GetRequestHeader(string name)
    {
        var values = _httpContext.Request.Headers[name];
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>Adds response metadata, sent with the response headers (before the first message).</summary>
    public void SetResponseHeader(string name, string value)
    {
        if (!_httpContext.Response.HasStarted)
        {
            _httpContext.Response.Headers[name] = value;
        }
    }
}
