namespace PairDb.Tests.Shared;

/// <summary>
/// Keeps the last HTTP response the channel received, so a test can see what the server really sent (HTTP status,
/// grpc-status in the headers or the trailers) rather than the status the client made up when something was missing.
/// One call at a time: the fuzz runs send sequentially.
/// </summary>
internal sealed class ResponseRecorder : DelegatingHandler
{
    public ResponseRecorder(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public HttpResponseMessage? Last { get; private set; }

    public void Reset() => Last = null;

    /// <summary>The grpc-status value the last response carried, from its headers (trailers-only) or its trailers.</summary>
    public string? GrpcStatus()
    {
        if (Last is null)
        {
            return null;
        }

        if (Last.Headers.TryGetValues("grpc-status", out var headers))
        {
            return headers.FirstOrDefault();
        }

        return Last.TrailingHeaders.TryGetValues("grpc-status", out var trailers) ? trailers.FirstOrDefault() : null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Last = response;
        return response;
    }
}
