using System.Globalization;
using Grpc.Core;

namespace PairDb.Tests.Shared;

/// <summary>
/// What every fuzzed call must end with. The answer is an HTTP 200 response carrying grpc-status (in the trailers, or
/// in the headers of a trailers-only response), agreeing with what the client reports, within the bound; an OK
/// answer's messages parse as the method's response type. A request that parses ends OK or with a refusal:
/// INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, OUT_OF_RANGE or RESOURCE_EXHAUSTED (never UNKNOWN
/// or INTERNAL: those mean a handler failed, and never UNAVAILABLE or DEADLINE_EXCEEDED: every node is up and nothing
/// is slow). A request that does not parse never reaches a handler or an interceptor: the request check refuses it
/// INVALID_ARGUMENT, and grpc-dotnet answers RESOURCE_EXHAUSTED for one past the message size limit (checked before
/// parsing); never OK, and never UNKNOWN.
/// </summary>
internal static class AnswerRules
{
    public static readonly IReadOnlySet<StatusCode> Refusals = new HashSet<StatusCode>
    {
        StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.FailedPrecondition,
        StatusCode.OutOfRange, StatusCode.ResourceExhausted,
    };

    public static readonly IReadOnlySet<StatusCode> Malformed = new HashSet<StatusCode>
    {
        StatusCode.ResourceExhausted, StatusCode.InvalidArgument,
    };

    /// <summary>Why <paramref name="answer"/> breaks the rules; null when it keeps them.</summary>
    public static string? Violation(FuzzedService service, FuzzCase fuzzCase, WireAnswer answer, TimeSpan bound)
    {
        var parses = service.Parse(fuzzCase) is not null;
        var status = answer.Status;
        if (answer.HttpStatus is null)
        {
            return $"no HTTP response arrived (client reported {status.StatusCode}: {status.Detail})";
        }

        if (answer.HttpStatus != 200)
        {
            return $"HTTP {answer.HttpStatus} (client reported {status.StatusCode}: {status.Detail})";
        }

        if (answer.GrpcStatusField is null)
        {
            return $"no grpc-status in the headers or trailers (client reported {status.StatusCode}: {status.Detail})";
        }

        if (answer.GrpcStatusField != ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture))
        {
            return $"grpc-status {answer.GrpcStatusField} on the wire but the client reported {status.StatusCode}";
        }

        if (answer.Elapsed > bound)
        {
            return $"answered after {answer.Elapsed.TotalMilliseconds:F0} ms, past the bound of {bound.TotalMilliseconds:F0} ms";
        }

        if (status.StatusCode == StatusCode.OK)
        {
            if (!parses)
            {
                return "answered OK to a request that does not parse";
            }

            return answer.Messages.All(m => service.IsResponse(fuzzCase, m)) ? null : "answered OK with a message that is not the method's response type";
        }

        var allowed = parses ? Refusals : Malformed;
        return allowed.Contains(status.StatusCode)
            ? null
            : $"{status.StatusCode} is not an answer to a {(parses ? "well-formed" : "malformed")} request: {status.Detail}";
    }
}
