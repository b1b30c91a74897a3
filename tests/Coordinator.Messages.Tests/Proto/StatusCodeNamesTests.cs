using FluentAssertions;
using Grpc.Core;
using PairDb.Messages.Proto;

namespace PairDb.Messages.Tests.Proto;

/// <summary>Status names as gRPC tools print them: every defined code, and a readable name for any other number.</summary>
public sealed class StatusCodeNamesTests
{
    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.Cancelled, "CANCELLED")]
    [InlineData(StatusCode.Unknown, "UNKNOWN")]
    [InlineData(StatusCode.InvalidArgument, "INVALID_ARGUMENT")]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [InlineData(StatusCode.NotFound, "NOT_FOUND")]
    [InlineData(StatusCode.AlreadyExists, "ALREADY_EXISTS")]
    [InlineData(StatusCode.PermissionDenied, "PERMISSION_DENIED")]
    [InlineData(StatusCode.ResourceExhausted, "RESOURCE_EXHAUSTED")]
    [InlineData(StatusCode.FailedPrecondition, "FAILED_PRECONDITION")]
    [InlineData(StatusCode.Aborted, "ABORTED")]
    [InlineData(StatusCode.OutOfRange, "OUT_OF_RANGE")]
    [InlineData(StatusCode.Unimplemented, "UNIMPLEMENTED")]
    [InlineData(StatusCode.Internal, "INTERNAL")]
    [InlineData(StatusCode.Unavailable, "UNAVAILABLE")]
    [InlineData(StatusCode.DataLoss, "DATA_LOSS")]
    [InlineData(StatusCode.Unauthenticated, "UNAUTHENTICATED")]
    public void Of_DefinedCode_CanonicalName(StatusCode status, string expected)
    {
        StatusCodeNames.Of(status).Should().Be(expected);
    }

    [Fact]
    public void Of_UndefinedCode_NamedByNumber()
    {
        StatusCodeNames.Of((StatusCode)42).Should().Be("STATUS_42");
    }
}
