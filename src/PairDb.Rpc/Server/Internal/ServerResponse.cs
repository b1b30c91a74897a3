using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using PairDb.Rpc.Framing;

namespace PairDb.Rpc.Server.Internal;

/// <summary>
/// The response side of one call: message frames, then the status exactly once, in trailers or (when nothing
/// was sent yet) as a trailers-only response. Serialised, because a deadline can race the handler's writes.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it never is here.")]
internal sealed class ServerResponse
{
    private readonly HttpContext _httpContext;
    private readonly int _maxSendMessageSize;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _headersPrepared;
    private bool _completed;
    private Task? _deadlineAnswer;

    public ServerResponse(HttpContext httpContext, int maxSendMessageSize)
    {
        _httpContext = httpContext;
        _maxSendMessageSize = maxSendMessageSize;
    }

    public bool IsCompleted => _completed;

    /// <summary>The DEADLINE_EXCEEDED status <see cref="AnswerDeadline"/> started sending, if it did.</summary>
    public Task DeadlineAnswer => Volatile.Read(ref _deadlineAnswer) ?? Task.CompletedTask;

    /// <summary>
    /// Runs when the call's token is cancelled: at the deadline it sends DEADLINE_EXCEEDED and ends the stream now;
    /// when the client went away there is nobody to answer.
    /// </summary>
    public void AnswerDeadline()
    {
        if (!_httpContext.RequestAborted.IsCancellationRequested)
        {
            Volatile.Write(ref _deadlineAnswer, CompleteAsync(StatusCode.DeadlineExceeded, "Deadline exceeded.", endNow: true));
        }
    }

    /// <summary>Writes one message; <paramref name="flush"/> false lets a unary reply leave with its trailers.</summary>
    public async Task WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_completed)
            {
                throw new OperationCanceledException("The call has already completed.");
            }

            var response = _httpContext.Response;
            PrepareHeaders(response);
            FrameWriter.WriteFrame(response.BodyWriter, message, _maxSendMessageSize);
            if (flush)
            {
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends the status, once; later calls do nothing. Returns false when it was already sent.</summary>
    public async Task<bool> CompleteAsync(StatusCode code, string detail, bool endNow)
    {
        await _gate.WaitAsync();
        try
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            var response = _httpContext.Response;
            var status = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!response.HasStarted && !_headersPrepared)
            {
                // Trailers-only: the status travels in the one HEADERS frame that ends the stream.
                PrepareHeaders(response);
                response.Headers[GrpcProtocol.StatusHeader] = status;
                if (detail.Length > 0)
                {
                    response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
                }
            }
            else
            {
                response.AppendTrailer(GrpcProtocol.StatusHeader, status);
                if (detail.Length > 0)
                {
                    response.AppendTrailer(GrpcProtocol.MessageHeader, StatusMessageEncoding.Encode(detail));
                }
            }

            if (endNow)
            {
                // Ends the HTTP/2 stream now, while the handler may still be unwinding (deadline case).
                await response.CompleteAsync();
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void PrepareHeaders(HttpResponse response)
    {
        if (_headersPrepared)
        {
            return;
        }

        _headersPrepared = true;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
    }
}
