using PairDb.Coordinator.Configuration;
using PairDb.Storage.Hosting;
using PairDb.Storage.Observability;

namespace PairDb.Coordinator.Composition;

/// <summary>The coordinator's log setup: log.level and log.format (JSON lines for pipelines, or readable text).</summary>
public static class CoordinatorLogging
{
    public static void Configure(ILoggingBuilder logging, LogLevel minimumLevel, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (format == LogFormat.Json)
        {
            JsonLogging.Configure(logging, minimumLevel);
            return;
        }

        logging.ClearProviders();
        logging.AddSimpleConsole(text =>
        {
            text.SingleLine = true;
            text.UseUtcTimestamp = true;
            text.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            text.IncludeScopes = false;
        });
        logging.SetMinimumLevel(minimumLevel);

        // As with JSON: ASP.NET Core's per-request lines would outnumber the service's own.
        AspNetCoreLogFilters.Apply(logging, minimumLevel);
    }
}
