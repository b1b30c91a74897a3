using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PairDb.Rpc.Observability;

/// <summary>
/// The log setup both server processes share: one JSON object per line on stdout (the built-in JSON console
/// formatter, UTC ISO-8601 timestamps, structured state), at the configured minimum level.
/// </summary>
public static class JsonConsoleLogging
{
    /// <summary>Replaces every provider with the JSON console at <paramref name="minimumLevel"/>.</summary>
    /// <remarks>
    /// ASP.NET Core's own categories are held at Warning or above: its per-request lines would outnumber the
    /// service's, and the server layer already logs each failed call once.
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
            // (JSON's own escapes, control characters included, still apply).
            json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        logging.SetMinimumLevel(minimumLevel);
        logging.AddFilter("Microsoft.AspNetCore", minimumLevel > LogLevel.Warning ? minimumLevel : LogLevel.Warning);
        return logging;
    }
}
