using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace PairDb.Tests.Shared;

/// <summary>
/// A grpc-dotnet channel over loopback HTTP/2 that sends any bytes to any method: requests and responses pass
/// through a byte[] marshaller, so the server's own parser is what meets malformed input.
/// </summary>
internal sealed class RawChannel : IDisposable
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static bytes => bytes, static bytes => bytes);

    private readonly ResponseRecorder _recorder;
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;

    public RawChannel(string address)
    {
        _recorder = new ResponseRecorder(new SocketsHttpHandler { EnableMultipleHttp2Connections = false });
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = _recorder,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            MaxRetryAttempts = 0,
        });
        _invoker = _channel.CreateCallInvoker();
    }

    /// <summary>Sends <paramref name="fuzzCase"/> as a call of <paramref name="type"/> (unary or server streaming) with a deadline.</summary>
    public async Task<WireAnswer> CallAsync(FuzzCase fuzzCase, MethodType type, TimeSpan timeout)
    {
        var method = new Method<byte[], byte[]>(type, fuzzCase.Service, fuzzCase.Method, Bytes, Bytes);
        var options = new CallOptions(deadline: DateTime.UtcNow + timeout);
        var messages = new List<byte[]>();
        var clock = Stopwatch.StartNew();
        _recorder.Reset();
        Status status;
        try
        {
            if (type == MethodType.ServerStreaming)
            {
                using var call = _invoker.AsyncServerStreamingCall(method, null, options, fuzzCase.Bytes);

                // Bounded by the deadline: a stream that does not end fails the call with DEADLINE_EXCEEDED.
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    messages.Add(call.ResponseStream.Current);
                }

                status = call.GetStatus();
            }
            else
            {
                using var call = _invoker.AsyncUnaryCall(method, null, options, fuzzCase.Bytes);
                messages.Add(await call.ResponseAsync);
                status = call.GetStatus();
            }
        }
        catch (RpcException ex)
        {
            status = ex.Status;
        }

        return new WireAnswer(status, messages, (int?)_recorder.Last?.StatusCode, _recorder.GrpcStatus(), clock.Elapsed);
    }

    public void Dispose()
    {
        _channel.Dispose();
        _recorder.Dispose();
    }
}
