using PairDb.Storage.Hosting;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PairDb.Storage.Observability;

/// <summary>
/// The log setup both server processes share: Microsoft.Extensions.Logging's JSON console formatter, one object per
/// line on stdout with UTC ISO-8601 timestamps and the structured state, at the configured minimum level.
/// </summary>
public static class JsonLogging
{
    /// <summary>Replaces every provider with the JSON console at <paramref name="minimumLevel"/>.</summary>
    /// <remarks>
    /// ASP.NET Core's own categories are held at Warning or above: its per-request lines would outnumber the
    /// service's, and each failed call is already logged once.
    /// </remarks>
    public static ILoggingBuilder Configure(ILoggingBuilder logging, LogLevel minimumLevel)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            json.IncludeScopes = false;

            // Lines go to a log pipeline, never into HTML: keep quotes and non-ASCII readable instead of \uXXXX
            // (JSON's own escapes, control characters included, still apply). Indented stays off: one line per entry.
            json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        logging.SetMinimumLevel(minimumLevel);
        return AspNetCoreLogFilters.Apply(logging, minimumLevel);
    }
}
