using System.Diagnostics;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PairDb.Rpc.Framing;

namespace PairDb.Rpc.Server.Internal;

/// <summary>
/// The pipeline every call goes through: protocol checks, deadline, exactly one request message, the handler,
/// then the status. Subclasses only invoke their handler shape.
/// </summary>
internal abstract class ServerCallHandler<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(static () => new TRequest());
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;

    protected ServerCallHandler(string methodFullName, GrpcServerOptions options, ILogger logger)
    {
        MethodFullName = methodFullName;
        _options = options;
        _logger = logger;
    }

    protected string MethodFullName { get; }

    protected int MaxSendMessageSize => _options.MaxSendMessageSize;

    public async Task HandleAsync(HttpContext httpContext)
    {
        var started = Stopwatch.GetTimestamp();
        if (!await CallValidation.AcceptAsync(httpContext))
        {
            Observe(httpContext, started, null);
            return;
        }

        if (!TryGetTimeout(httpContext, out var timeout))
        {
            await new ServerResponse(httpContext, MaxSendMessageSize).CompleteAsync(StatusCode.Internal, "Malformed grpc-timeout header.", endNow: false);
            Observe(httpContext, started, null);
            return;
        }

        // Without a deadline the call's token is the connection's own abort token: no extra sources to allocate.
        // With one, a single source is cancelled by its own timer (the deadline) or by the client going away.
        using var callSource = timeout is { } t ? new CancellationTokenSource(t) : null;
        using var aborted = callSource is null
            ? default
            : httpContext.RequestAborted.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), callSource);
        var callToken = callSource?.Token ?? httpContext.RequestAborted;
        var deadline = timeout is { } d ? DateTime.UtcNow + d : (DateTime?)null;
        var context = new ServerCallContext(httpContext, MethodFullName, deadline, callToken);
        var response = new ServerResponse(httpContext, MaxSendMessageSize);
        var work = RunAsync(httpContext, context, response, callToken);
        if (callSource is null)
        {
            await work;
        }
        else
        {
            // Answer the client at its deadline even if the handler ignores cancellation; keep awaiting the handler
            // (and the deadline answer) so nothing touches the pooled HttpContext after this method returns.
            var expiry = callToken.UnsafeRegister(static state => ((ServerResponse)state!).AnswerDeadline(), response);
            try
            {
                await work;
            }
            finally
            {
                // Dispose waits for a callback already running, so the answer it started is visible below.
                expiry.Dispose();
            }

            await response.DeadlineAnswer;
        }

        Observe(httpContext, started, context);
    }

    protected abstract Task InvokeAsync(TRequest request, ServerCallContext context, ServerResponse response);

    private async Task RunAsync(HttpContext httpContext, ServerCallContext context, ServerResponse response, CancellationToken callToken)
    {
        StatusCode code;
        string detail;
        try
        {
            var request = await ReadSingleRequestAsync(httpContext.Request.BodyReader, callToken);
            await InvokeAsync(request, context, response);
            code = StatusCode.OK;
            detail = string.Empty;
        }
        catch (RpcException ex)
        {
            (code, detail) = (ex.StatusCode, ex.Detail);
        }
        catch (OperationCanceledException) when (callToken.IsCancellationRequested)
        {
            (code, detail) = httpContext.RequestAborted.IsCancellationRequested
                ? (StatusCode.Cancelled, "Call cancelled by the client.")
                : (StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        catch (Exception ex)
        {
            RpcLog.HandlerFailed(_logger, ex, MethodFullName);
            (code, detail) = (StatusCode.Internal, "Exception was thrown by handler.");
        }

        if (!httpContext.RequestAborted.IsCancellationRequested)
        {
            await response.CompleteAsync(code, detail, endNow: false);
        }
    }

    private void Observe(HttpContext httpContext, long started, ServerCallContext? context)
    {
        if (_options.CallObserver is { } observer)
        {
            observer.OnCallCompleted(new CompletedCall(MethodFullName, SentStatus.Of(httpContext), Stopwatch.GetElapsedTime(started), context?.Tenant));
        }
    }

    private async Task<TRequest> ReadSingleRequestAsync(System.IO.Pipelines.PipeReader reader, CancellationToken cancellationToken)
    {
        var request = await FrameReader.ReadMessageAsync(reader, Parser, _options.MaxReceiveMessageSize, cancellationToken)
            ?? throw new RpcException(StatusCode.Internal, "The request carried no message; exactly one is expected.");
        if (await FrameReader.ReadMessageAsync(reader, Parser, _options.MaxReceiveMessageSize, cancellationToken) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The request carried more than one message; exactly one is expected.");
        }

        return request;
    }

    private bool TryGetTimeout(HttpContext httpContext, out TimeSpan? timeout)
    {
        timeout = _options.MaxDeadline;
        var header = httpContext.Request.Headers[GrpcProtocol.TimeoutHeader];
        if (header.Count == 0)
        {
            return true;
        }

        if (!GrpcTimeout.TryParse(header[0], out var requested))
        {
            return false;
        }

        timeout = timeout is { } max && max < requested ? max : requested;
        return true;
    }
}
