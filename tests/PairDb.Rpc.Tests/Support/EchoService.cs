using Google.Protobuf;
using PairDb.Rpc.Server;
using PairDb.Rpc.Tests.Protos;

namespace PairDb.Rpc.Tests.Support;

/// <summary>Handlers of the test echo service; records what the server observed so tests can assert on it.</summary>
public sealed class EchoService
{
    /// <summary>Completed when a handler saw its call's cancellation token fire.</summary>
    public TaskCompletionSource ServerSawCancellation { get; private set; } = NewSignal();

    /// <summary>Completed when a handler with a delay started, so a test can cancel a call the server really has.</summary>
    public TaskCompletionSource HandlerStarted { get; private set; } = NewSignal();

    public void Reset()
    {
        ServerSawCancellation = NewSignal();
        HandlerStarted = NewSignal();
    }

    public GrpcServiceDefinition Definition() => new GrpcServiceBuilder(EchoMethods.ServiceName)
        .Unary(EchoMethods.Echo, EchoAsync)
        .ServerStreaming(EchoMethods.Count, CountAsync)
        .Build();

    private async Task<EchoReply> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            HandlerStarted.TrySetResult();
            await DelayAsync(request.DelayMs, request.IgnoreCancellation, context.CancellationToken);
        }

        if (request.ThrowUnexpected)
        {
            throw new InvalidOperationException("secret internal detail");
        }

        if (request.StatusCode != 0)
        {
            throw new RpcException((StatusCode)request.StatusCode, request.StatusMessage);
        }

        return new EchoReply
        {
            Text = request.Text,
            Header = context.GetRequestHeader("x-test") ?? string.Empty,
            Payload = ByteString.CopyFrom(new byte[request.ReplySize]),
            ReceivedPayloadSize = request.Payload.Length,
        };
    }

    private async Task CountAsync(CountRequest request, IServerStreamWriter<CountReply> writer, ServerCallContext context)
    {
        for (var i = 1; i <= request.Count; i++)
        {
            if (request.FailAfter > 0 && i > request.FailAfter)
            {
                throw new RpcException(StatusCode.Aborted, $"failed after {request.FailAfter}");
            }

            if (request.DelayMs > 0)
            {
                await DelayAsync(request.DelayMs, false, context.CancellationToken);
            }

            await writer.WriteAsync(new CountReply { N = i });
        }
    }

    private async Task DelayAsync(int delayMs, bool ignoreCancellation, CancellationToken token)
    {
        try
        {
            await Task.Delay(delayMs, ignoreCancellation ? CancellationToken.None : token);
        }
        catch (OperationCanceledException)
        {
            ServerSawCancellation.TrySetResult();
            throw;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
