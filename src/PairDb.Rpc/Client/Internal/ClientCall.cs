using System.IO.Pipelines;
using System.Net.Http.Headers;
using Google.Protobuf;
using PairDb.Rpc.Framing;

namespace PairDb.Rpc.Client.Internal;

/// <summary>
/// One client call over HTTP/2: sends the framed request with grpc-timeout, reads response frames, then the
/// status, and turns every failure (local deadline, cancellation, transport, protocol) into an RpcException.
/// Disposing it before the response ended resets the HTTP/2 stream.
/// </summary>
internal sealed class ClientCall<TResponse> : IDisposable
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly TransferCodingWithQualityHeaderValue TeTrailers = new(GrpcProtocol.TeTrailers);
    private static readonly ProductInfoHeaderValue UserAgent = new("pairdb-rpc", "1.0");
    private readonly GrpcChannel _channel;
    private readonly string _methodFullName;
    private readonly MessageParser<TResponse> _parser;
    private readonly CancellationToken _userToken;
    private readonly CancellationTokenSource _callSource;
    private readonly TimeSpan? _timeout;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private bool _endedInHeaders;
    private int _disposed;

    public ClientCall(GrpcChannel channel, string methodFullName, MessageParser<TResponse> parser, CallOptions options)
    {
        _channel = channel;
        _methodFullName = methodFullName;
        _parser = parser;
        _userToken = options.CancellationToken;
        _timeout = options.Timeout ?? channel.Options.DefaultTimeout;

        // One source per call, linked only when the caller's token can cancel, with the deadline as its timer.
        _callSource = _userToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_userToken) : new CancellationTokenSource();
        if (_timeout is { } timeout)
        {
            _callSource.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        }

        Headers = options.Headers;
    }

    private IReadOnlyList<KeyValuePair<string, string>>? Headers { get; }

    /// <summary>Sends the request and checks the response headers (a trailers-only status ends the call here).</summary>
    public async Task StartAsync(IMessage request)
    {
        var token = _callSource.Token;
        try
        {
            token.ThrowIfCancellationRequested();
            using var message = BuildRequest(request);
            _response = await _channel.Invoker.SendAsync(message, token);
            if (ResponseStatus.FromHeaders(_response) is { } status)
            {
                // Trailers-only: an OK here is a stream that ended without messages.
                _endedInHeaders = status.StatusCode == StatusCode.OK ? true : throw status;
                return;
            }

            var stream = await _response.Content.ReadAsStreamAsync(token);
            _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: false));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The next response message, or null when the stream ended with status OK.</summary>
    public async ValueTask<TResponse?> ReadAsync()
    {
        if (_endedInHeaders)
        {
            return null;
        }

        var token = _callSource.Token;
        try
        {
            var message = await FrameReader.ReadMessageAsync(_reader!, _parser, _channel.Options.MaxReceiveMessageSize, token);
            if (message is not null)
            {
                return message;
            }

            var status = ResponseStatus.FromTrailers(_response!);
            return status.StatusCode == StatusCode.OK ? null : throw status;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Cancelling before disposing an unfinished response makes the handler send RST_STREAM(CANCEL).
        _callSource.Cancel();
        _reader?.Complete();
        _response?.Dispose();
        _callSource.Dispose();
    }

    private HttpRequestMessage BuildRequest(IMessage request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _channel.MethodUri(_methodFullName))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new FrameContent(request, _channel.Options.MaxSendMessageSize),
        };
        var headers = message.Headers;
        headers.TE.Add(TeTrailers);
        headers.UserAgent.Add(UserAgent);
        if (_timeout is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        if (Headers is not null)
        {
            foreach (var header in Headers)
            {
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return message;
    }

    private RpcException Translate(Exception ex)
    {
        // The call's source cancelled without the caller or Dispose asking: only its deadline timer does that.
        if (_timeout is not null && _callSource.IsCancellationRequested && !_userToken.IsCancellationRequested && Volatile.Read(ref _disposed) == 0)
        {
            return new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded.", ex);
        }

        if (_userToken.IsCancellationRequested)
        {
            return new RpcException(StatusCode.Cancelled, "Call cancelled by the caller.", ex);
        }

        return ex switch
        {
            HttpRequestException http when _response is null =>
                new RpcException(StatusCode.Unavailable, $"Error connecting to {_channel.Address}: {http.Message}", ex),
            HttpProtocolException protocol =>
                new RpcException(StatusCode.Unavailable, $"HTTP/2 stream reset by {_channel.Address} (error code {protocol.ErrorCode}).", ex),
            HttpRequestException or IOException =>
                new RpcException(StatusCode.Unavailable, $"Connection to {_channel.Address} failed: {ex.Message}", ex),
            OperationCanceledException =>
                new RpcException(StatusCode.Cancelled, "Call cancelled.", ex),
            _ => new RpcException(StatusCode.Internal, $"Call failed: {ex.Message}", ex),
        };
    }
}
