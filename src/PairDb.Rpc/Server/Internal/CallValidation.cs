using Microsoft.AspNetCore.Http;

namespace PairDb.Rpc.Server.Internal;

/// <summary>Checks a request is gRPC over HTTP/2 with identity encoding, answering it otherwise.</summary>
internal static class CallValidation
{
    public static async Task<bool> AcceptAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode($"Request protocol '{request.Protocol}' is not supported: gRPC needs HTTP/2.");
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode($"Content-Type '{request.ContentType}' is not supported: expected '{GrpcProtocol.ContentType}'.");
            return false;
        }

        var encoding = request.Headers[GrpcProtocol.EncodingHeader];
        if (encoding.Count > 0 && !string.Equals(encoding[0], GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
            await new ServerResponse(httpContext, 0).CompleteAsync(
                StatusCode.Unimplemented, $"grpc-encoding '{encoding[0]}' is not supported: this server accepts identity only.", endNow: false);
            return false;
        }

        return true;
    }
}
