using System.Net.Sockets;
using Grpc.Core;
using PairDb.Cli.Parsing;
using PairDb.Messages.Proto;

namespace PairDb.Cli.Errors;

/// <summary>The one-line error messages on stderr: "pairdb: &lt;what failed&gt;: &lt;status&gt;: &lt;message&gt;".</summary>
public static class ErrorLines
{
    // Grpc.Net.Client ends a call that ran out of time with DEADLINE_EXCEEDED and no detail of its own.
    private const string DeadlineExceeded = "Deadline exceeded.";

    public static string Format(string what, string status, string message) =>
        "pairdb: " + what + ": " + status + ": " + OneLine(message.Length == 0 ? "(no message)" : message);

    public static string Usage(string what, string message) => Format(what, "usage", message);

    public static string Interrupted(string what) => Format(what, "interrupted", "stopped by Ctrl+C");

    public static string Unexpected(string what, Exception error) => Format(what, "ERROR", error.Message);

    public static string MigrationEnded(string migrationId, string status, string reason) =>
        Format("migration " + migrationId, status, reason.Length == 0 ? "the coordinator gave no reason" : reason);

    /// <summary>
    /// A failed call: transport failures name the coordinator address, deadlines name the timeout, a failed write
    /// condition the key's current clock.
    /// </summary>
    public static string Rpc(string what, RpcException error, CoordinatorAddress coordinator, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(coordinator);
        var status = StatusCodeNames.Of(error.StatusCode);
        var detail = error.Status.Detail;
        if (FindSocketError(error.Status.DebugException) is { } socket)
        {
            return Format(what, status, $"cannot connect to the coordinator at {coordinator}: {Describe(socket)}");
        }

        return error.StatusCode switch
        {
            StatusCode.DeadlineExceeded => Format(what, status, $"{(detail.Length == 0 ? DeadlineExceeded : detail)} (no answer from {coordinator} within --timeout {Durations.Format(timeout)})"),
            StatusCode.Unavailable when error.Status.DebugException is not null => Format(what, status, $"coordinator at {coordinator}: {detail}"),
            StatusCode.FailedPrecondition when ConditionDetail.Describe(error) is { } condition => Format(what, status, $"{detail} ({condition})"),
            _ => Format(what, status, detail),
        };
    }

    // A transport failure is the client's own status; the exception that caused it is the status's debug exception.
    private static SocketError? FindSocketError(Exception? cause)
    {
        for (var inner = cause; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }

    private static string Describe(SocketError? error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (is it running? set --coordinator or PAIRDB_COORDINATOR)",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => "socket error " + error,
    };

    // A multi-line server message (or exception text) becomes one line: each line trimmed, blank ones dropped.
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
