using FluentAssertions;
using Grpc.Core;
using PairDb.Coordinator.Interceptors;

namespace PairDb.Coordinator.Tests.Interceptors;

public sealed class RetryAfterInterceptorTests
{
    private readonly RetryAfterInterceptor _interceptor = new(TimeSpan.FromMilliseconds(250));

    [Fact]
    public async Task UnaryServerHandler_ResourceExhausted_RetryAfterTrailerAdded()
    {
        var context = Call();

        var act = () => _interceptor.UnaryServerHandler<string, string>("request", context, static (_, _) =>
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "full")));

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        context.ResponseTrailers.GetValue(RetryAfterInterceptor.TrailerName).Should().Be("250");
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task UnaryServerHandler_OtherStatus_NoTrailer(StatusCode code)
    {
        var context = Call();

        var act = () => _interceptor.UnaryServerHandler<string, string>("request", context, (_, _) => throw new RpcException(new Status(code, "no")));

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(code);
        context.ResponseTrailers.Get(RetryAfterInterceptor.TrailerName).Should().BeNull();
    }

    [Fact]
    public async Task UnaryServerHandler_Success_NoTrailer()
    {
        var context = Call();

        var reply = await _interceptor.UnaryServerHandler("request", context, static (_, _) => Task.FromResult("ok"));

        reply.Should().Be("ok");
        context.ResponseTrailers.Should().BeEmpty();
    }

    private static TestCallContext Call() => new("/proto.CoordinatorService/WriteKeyValue", DateTime.UtcNow.AddSeconds(5));
}
