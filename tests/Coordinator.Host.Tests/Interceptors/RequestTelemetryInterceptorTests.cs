using FluentAssertions;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PairDb.Coordinator.Interceptors;
using PairDb.Coordinator.Observability;
using PairDb.Coordinator.Tests.Observability;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Interceptors;

public sealed class RequestTelemetryInterceptorTests
{
    private const string Method = "/proto.CoordinatorService/WriteKeyValue";
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task UnaryServerHandler_HandlerThrowsStatus_LineWithThatStatusAndTheAttachedTenant()
    {
        var interceptor = Interceptor();

        var act = () => interceptor.UnaryServerHandler<string, string>("request", new TestCallContext(Method, DateTime.MaxValue), static (_, call) =>
        {
            CallTenant.Attach(call, "acme");
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "overloaded"));
        });

        await act.Should().ThrowAsync<RpcException>();
        var line = _logs.Entries.Should().ContainSingle().Which;
        line.Level.Should().Be(LogLevel.Warning);
        line.Fields["StatusCode"].Should().Be("RESOURCE_EXHAUSTED");
        line.Fields["Tenant"].Should().Be("acme");
        line.Fields["Method"].Should().Be("WriteKeyValue");
    }

    [Fact]
    public async Task UnaryServerHandler_ClientCancelled_CancelledAtInformationWhateverTheHandlerThrew()
    {
        // Arrange: the client went away (the call token fired before the deadline) and the handler's downstream
        // call failed because of it.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var interceptor = Interceptor();
        var context = new TestCallContext(Method, DateTime.MaxValue, cancelled.Token);

        // Act
        var act = () => interceptor.UnaryServerHandler<string, string>("request", context, static (_, _) =>
            throw new RpcException(new Status(StatusCode.Unavailable, "replicas did not answer")));

        // Assert
        await act.Should().ThrowAsync<RpcException>();
        var line = _logs.Entries.Should().ContainSingle().Which;
        line.Level.Should().Be(LogLevel.Information);
        line.Fields["StatusCode"].Should().Be("CANCELLED");
    }

    [Fact]
    public async Task UnaryServerHandler_DeadlinePassed_DeadlineExceeded()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var interceptor = Interceptor();
        var context = new TestCallContext(Method, DateTime.UtcNow - TimeSpan.FromMilliseconds(1), cancelled.Token);

        var act = () => interceptor.UnaryServerHandler<string, string>("request", context, static (_, call) =>
            throw new OperationCanceledException(call.CancellationToken));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _logs.Entries.Should().ContainSingle().Which.Fields["StatusCode"].Should().Be("DEADLINE_EXCEEDED");
    }

    [Fact]
    public async Task UnaryServerHandler_RefusedByTheShutdownDrain_UnavailableAtInformation()
    {
        using var gate = new DrainGate();
        gate.BeginDrain();
        var drain = new DrainInterceptor(gate);
        var interceptor = Interceptor();

        var act = () => interceptor.UnaryServerHandler<string, string>("request", new TestCallContext(Method, DateTime.MaxValue), (request, call) =>
            drain.UnaryServerHandler(request, call, static (_, _) => Task.FromResult("ran")));

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        var line = _logs.Entries.Should().ContainSingle().Which;
        line.Level.Should().Be(LogLevel.Information);
        line.Fields["StatusCode"].Should().Be("UNAVAILABLE");
    }

    [Fact]
    public async Task UnaryServerHandler_OtherUnavailable_StillAWarning()
    {
        var interceptor = Interceptor();

        var act = () => interceptor.UnaryServerHandler<string, string>("request", new TestCallContext(Method, DateTime.MaxValue), static (_, _) =>
            throw new RpcException(new Status(StatusCode.Unavailable, "not enough replicas")));

        await act.Should().ThrowAsync<RpcException>();
        _logs.Entries.Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task UnaryServerHandler_Succeeds_NoLine()
    {
        var interceptor = Interceptor();

        var reply = await interceptor.UnaryServerHandler("request", new TestCallContext(Method, DateTime.MaxValue), static (_, _) => Task.FromResult("ok"));

        reply.Should().Be("ok");
        _logs.Entries.Should().BeEmpty();
    }

    private RequestTelemetryInterceptor Interceptor() => new(new RequestTelemetry(_logs.CreateLogger("PairDb.Requests")));
}
