namespace PairDb.Storage.Hosting;

/// <summary>The log filters for ASP.NET Core's own categories, shared by the storage node and the coordinator.</summary>
public static class AspNetCoreLogFilters
{
    private const string RequestDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// ASP.NET Core's per-request lines would outnumber the service's own and cost more than a write: its categories
    /// log warnings and above (or <paramref name="minimumLevel"/> when that is higher). Its request-diagnostics
    /// category logs nothing at all: while it is enabled at any level, hosting starts an Activity for every request,
    /// which the replica client then also carries to the storage nodes on every call.
    /// </summary>
    public static ILoggingBuilder Apply(ILoggingBuilder logging, LogLevel minimumLevel)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter("Microsoft.AspNetCore", minimumLevel > LogLevel.Warning ? minimumLevel : LogLevel.Warning);
        logging.AddFilter(RequestDiagnostics, LogLevel.None);
        return logging;
    }
}
