using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace PairDb.Rpc.Client.Internal;

/// <summary>Reads a call's status from response headers (trailers-only) or trailers, and maps HTTP failures.</summary>
internal static class ResponseStatus
{
    /// <summary>Checks the response headers; throws for a non-200 answer or a non-gRPC body. Returns the
    /// trailers-only status when the headers carry one.</summary>
    public static RpcException? FromHeaders(HttpResponseMessage response)
    {
        if (TryRead(response.Headers, out var code, out var detail))
        {
            return new RpcException(code, detail);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new RpcException(FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return new RpcException(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}.");
        }

        return null;
    }

    /// <summary>The status from the trailers, read after the body ended.</summary>
    public static RpcException FromTrailers(HttpResponseMessage response)
    {
        return TryRead(response.TrailingHeaders, out var code, out var detail)
            ? new RpcException(code, detail)
            : new RpcException(StatusCode.Internal, "The response ended without a grpc-status trailer.");
    }

    private static bool TryRead(HttpHeaders headers, out StatusCode code, out string detail)
    {
        code = StatusCode.Unknown;
        detail = string.Empty;
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return false;
        }

        var text = First(statusValues);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            detail = $"Unparseable grpc-status '{text}'.";
            return true;
        }

        code = (StatusCode)number;
        if (headers.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues))
        {
            detail = StatusMessageEncoding.Decode(First(messageValues));
        }

        return true;
    }

    private static string? First(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }

    // The gRPC spec's mapping of HTTP status codes for responses that are not gRPC.
    private static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
