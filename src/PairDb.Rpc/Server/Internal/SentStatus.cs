using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PairDb.Rpc.Server.Internal;

/// <summary>Reads back the grpc-status a finished call sent: from the trailers, or the headers of a trailers-only response.</summary>
internal static class SentStatus
{
    public static StatusCode Of(HttpContext httpContext)
    {
        var trailers = httpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && TryParse(trailers[GrpcProtocol.StatusHeader], out var code))
        {
            return code;
        }

        // Nothing sent at all means the client reset the stream before the status could go out.
        return TryParse(httpContext.Response.Headers[GrpcProtocol.StatusHeader], out code) ? code : StatusCode.Cancelled;
    }

    private static bool TryParse(Microsoft.Extensions.Primitives.StringValues values, out StatusCode code)
    {
        if (values.Count > 0 && int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            code = (StatusCode)number;
            return true;
        }

        code = StatusCode.Unknown;
        return false;
    }
}
