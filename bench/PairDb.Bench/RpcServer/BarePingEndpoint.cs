using Microsoft.AspNetCore.Http;
using PairDb.Rpc;

namespace PairDb.Bench.RpcServer;

/// <summary>
/// The baseline: a plain Kestrel endpoint answering exactly the bytes PairDb.Rpc sends for Ping (headers, one
/// empty-message frame, grpc-status 0 trailer) with none of the layer: no validation, deadline, parsing or handler.
/// It still drains the request body, which any gRPC server must read.
/// </summary>
public static class BarePingEndpoint
{
    public const string Path = "/bench.BareService/Ping";

    // An empty protobuf message, framed: not compressed, length 0.
    private static readonly byte[] EmptyFrame = [0x00, 0x00, 0x00, 0x00, 0x00];

    public static async Task HandleAsync(HttpContext httpContext)
    {
        var reader = httpContext.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync();
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        var response = httpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        // Not flushed, like the layer's unary reply, so the frame leaves together with the trailers.
        EmptyFrame.CopyTo(response.BodyWriter.GetSpan(EmptyFrame.Length));
        response.BodyWriter.Advance(EmptyFrame.Length);
        response.AppendTrailer(GrpcProtocol.StatusHeader, "0");
    }
}
