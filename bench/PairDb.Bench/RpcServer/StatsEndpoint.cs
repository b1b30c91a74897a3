using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PairDb.Bench.RpcServer;

/// <summary>
/// GET /stats: bytes allocated so far by the whole process. Sampled around a load run it gives allocations per
/// request, which unlike req/s does not depend on what else the machine is doing.
/// </summary>
public static class StatsEndpoint
{
    public const string Path = "/stats";

    public static Task HandleAsync(HttpContext httpContext)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        httpContext.Response.ContentType = "text/plain";
        return httpContext.Response.WriteAsync("allocated_bytes " + allocated.ToString(CultureInfo.InvariantCulture) + "\n");
    }
}
