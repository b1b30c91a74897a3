namespace PairDb.Storage.Hosting;

/// <summary>
/// An endpoint convention for the storage service's mapping: grpc-dotnet answers an unknown method with UNIMPLEMENTED
/// "Method is unimplemented."; this keeps the node's message, which names the method a client got wrong.
/// </summary>
internal static class UnimplementedMethodMessage
{
    // The route value grpc-dotnet gives its catch-all endpoints for unknown services and methods.
    private const string UnimplementedMethodRouteValue = "unimplementedMethod";

    /// <summary>Wraps grpc-dotnet's unimplemented endpoints so the status message names the requested path.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route
            || route.RoutePattern.GetParameter(UnimplementedMethodRouteValue) is null
            || route.RequestDelegate is not { } answer)
        {
            return;
        }

        route.RequestDelegate = async context =>
        {
            await answer(context);

            // grpc-dotnet answers trailers-only, so its status is still in the unsent response headers.
            if (!context.Response.HasStarted && context.Response.Headers.ContainsKey("grpc-message"))
            {
                var message = $"Method '{context.Request.Path}' is not implemented by this server.";
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            }
        };
    }
}
