using FluentAssertions;
using PairDb.Coordinator.Interceptors;

namespace PairDb.Coordinator.Tests.Interceptors;

public sealed class DeadlineInterceptorTests
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task UnaryServerHandler_NoClientDeadline_DefaultTimeoutFromNow()
    {
        // Arrange: grpc-dotnet reports "no deadline" as DateTime.MaxValue.
        var interceptor = new DeadlineInterceptor(DefaultTimeout);
        var context = new TestCallContext("/proto.CoordinatorService/ReadKeyValue", DateTime.MaxValue);
        var before = DateTime.UtcNow;

        // Act
        await interceptor.UnaryServerHandler("request", context, static (_, _) => Task.FromResult("ran"));
        var deadline = CallDeadline.Of(context);

        // Assert
        deadline.Should().BeOnOrAfter(before + DefaultTimeout).And.BeOnOrBefore(DateTime.UtcNow + DefaultTimeout);
        CallDeadline.Remaining(context).Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(DefaultTimeout);
    }

    [Fact]
    public async Task UnaryServerHandler_ClientDeadline_KeptAsSent()
    {
        var interceptor = new DeadlineInterceptor(DefaultTimeout);
        var sent = DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
        var context = new TestCallContext("/proto.CoordinatorService/ReadKeyValue", sent);

        await interceptor.UnaryServerHandler("request", context, static (_, _) => Task.FromResult("ran"));
        var deadline = CallDeadline.Of(context);

        deadline.Should().Be(sent);
        CallDeadline.Remaining(context).Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void RemainingUntil_PastDeadline_Zero()
    {
        CallDeadline.RemainingUntil(DateTime.UtcNow - TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Of_NoInterceptorRan_Throws()
    {
        var context = new TestCallContext("/proto.CoordinatorService/ReadKeyValue", DateTime.MaxValue);

        FluentActions.Invoking(() => CallDeadline.Of(context)).Should().Throw<InvalidOperationException>();
    }
}
