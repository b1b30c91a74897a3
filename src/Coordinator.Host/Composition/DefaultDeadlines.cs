using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace PairDb.Coordinator.Composition;

/// <summary>
/// Gives a client call that sends no grpc-timeout the configured deadline of its kind (reads: requests.read_timeout_ms,
/// writes and deletes: requests.write_timeout_ms) by adding the header before the gRPC layer reads it, so the edge and
/// the actors see one deadline whatever its source. Other calls keep the edge's default (requests.default_timeout_ms).
/// </summary>
public static class DefaultDeadlines
{
    public const string TimeoutHeader = "grpc-timeout";

    // Wire paths of the client API (protos/coordinator.proto, package proto, service CoordinatorService).
    private const string ReadPath = "/proto.CoordinatorService/ReadKeyValue";
    private const string WritePath = "/proto.CoordinatorService/WriteKeyValue";
    private const string DeletePath = "/proto.CoordinatorService/DeleteKeyValue";

    // grpc-timeout carries at most 8 digits.
    private const long MaxTimeoutValue = 99_999_999;

    /// <summary>Adds the middleware; call before the gRPC services are mapped.</summary>
    public static void UseDefaultDeadlines(WebApplication app, TimeSpan readTimeout, TimeSpan writeTimeout)
    {
        ArgumentNullException.ThrowIfNull(app);
        var read = new StringValues(Format(readTimeout));
        var write = new StringValues(Format(writeTimeout));
        app.Use((context, next) =>
        {
            var headers = context.Request.Headers;
            if (!headers.ContainsKey(TimeoutHeader) && HeaderFor(context.Request.Path, read, write) is { } timeout)
            {
                headers[TimeoutHeader] = timeout;
            }

            return next(context);
        });
    }

    /// <summary>The grpc-timeout text of <paramref name="timeout"/>: whole milliseconds, or seconds when that does not fit.</summary>
    public static string Format(TimeSpan timeout)
    {
        var milliseconds = (long)Math.Ceiling(timeout.TotalMilliseconds);
        return milliseconds <= MaxTimeoutValue
            ? milliseconds.ToString(CultureInfo.InvariantCulture) + "m"
            : Math.Min(MaxTimeoutValue, (long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
    }

    /// <summary>The header a call on <paramref name="path"/> gets when it sent none: <paramref name="read"/>, <paramref name="write"/> or none (null).</summary>
    internal static StringValues? HeaderFor(PathString path, StringValues read, StringValues write)
    {
        if (path.Equals(ReadPath, StringComparison.Ordinal))
        {
            return read;
        }

        return path.Equals(WritePath, StringComparison.Ordinal) || path.Equals(DeletePath, StringComparison.Ordinal) ? (StringValues?)write : null;
    }
}
