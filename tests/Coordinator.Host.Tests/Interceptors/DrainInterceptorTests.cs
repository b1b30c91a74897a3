using FluentAssertions;
using Grpc.Core;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Interceptors;

public sealed class DrainInterceptorTests : IDisposable
{
    private readonly DrainGate _gate = new();

    public void Dispose() => _gate.Dispose();

    [Fact]
    public async Task UnaryServerHandler_NotDraining_CallRuns()
    {
        var interceptor = new DrainInterceptor(_gate);

        var reply = await interceptor.UnaryServerHandler("request", Call("/proto.CoordinatorService/WriteKeyValue"), static (_, _) => Task.FromResult("ran"));

        reply.Should().Be("ran");
    }

    [Fact]
    public async Task UnaryServerHandler_Draining_UnavailableWithoutRunningTheHandler()
    {
        var interceptor = new DrainInterceptor(_gate);
        var ran = false;
        _gate.BeginDrain();

        var act = () => interceptor.UnaryServerHandler("request", Call("/proto.CoordinatorService/WriteKeyValue"), (_, _) =>
        {
            ran = true;
            return Task.FromResult("ran");
        });

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Be("server is shutting down");
        DrainInterceptor.IsRefusal(error).Should().BeTrue();
        ran.Should().BeFalse();
    }

    [Fact]
    public async Task UnaryServerHandler_DrainingHealthCheck_StillAnswers()
    {
        var interceptor = new DrainInterceptor(_gate);
        _gate.BeginDrain();

        var reply = await interceptor.UnaryServerHandler("request", Call("/grpc.health.v1.Health/Check"), static (_, _) => Task.FromResult("ran"));

        reply.Should().Be("ran");
    }

    [Fact]
    public void IsRefusal_OtherUnavailableOrOtherStatus_False()
    {
        DrainInterceptor.IsRefusal(new RpcException(new Status(StatusCode.Unavailable, "not enough replicas"))).Should().BeFalse();
        DrainInterceptor.IsRefusal(new RpcException(new Status(StatusCode.Internal, DrainGate.RefusalMessage))).Should().BeFalse();
        DrainInterceptor.IsRefusal(new InvalidOperationException(DrainGate.RefusalMessage)).Should().BeFalse();
    }

    private static TestCallContext Call(string method) => new(method, DateTime.MaxValue);
}
