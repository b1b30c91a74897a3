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
        var interceptor = new DeadlineInterceptor(DefaultTimeout, DefaultTimeout, DefaultTimeout);
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
        var interceptor = new DeadlineInterceptor(DefaultTimeout, DefaultTimeout, DefaultTimeout);
        var sent = DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
        var context = new TestCallContext("/proto.CoordinatorService/ReadKeyValue", sent);

        await interceptor.UnaryServerHandler("request", context, static (_, _) => Task.FromResult("ran"));
        var deadline = CallDeadline.Of(context);

        deadline.Should().Be(sent);
        CallDeadline.Remaining(context).Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    [InlineData("/proto.CoordinatorService/ReadKeyValue", 2)]
    [InlineData("/proto.CoordinatorService/WriteKeyValue", 3)]
    [InlineData("/proto.CoordinatorService/DeleteKeyValue", 3)]
    [InlineData("/proto.CoordinatorService/BatchRead", 2)]
    [InlineData("/proto.CoordinatorService/BatchWrite", 3)]
    [InlineData("/proto.CoordinatorService/GetTenant", 7)]
    [InlineData("/proto.CoordinatorService/AddStorageNode", 7)]
    public void DefaultTimeoutOf_Method_TimeoutOfItsKind(string method, int expectedSeconds)
    {
        // Arrange: reads 2 s, writes and deletes 3 s (batches as their kind), everything else 7 s.
        var interceptor = new DeadlineInterceptor(DefaultTimeout, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        // Act
        var timeout = interceptor.DefaultTimeoutOf(method);

        // Assert
        timeout.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
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
