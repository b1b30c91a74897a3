using Grpc.Core;
using Grpc.Core.Interceptors;
using PairDb.Coordinator.Security;
using PairDb.Messages.Proto;

namespace PairDb.Coordinator.Interceptors;

/// <summary>
/// Records every admin call (<see cref="MethodAccess.Admin"/>) whose caller was established, successful or not: who, the
/// method and its target, when it ended and its status code, in the metadata store and the log (PairDb.Audit). A call
/// refused as UNAUTHENTICATED is not recorded (no caller to name; the request log has it), so callers without a credential
/// cannot fill the audit. A store failure is logged and does not change the call's answer: the change has happened.
/// </summary>
public sealed class AuditInterceptor : Interceptor
{
    private readonly Func<ICredentialStore?> _store;
    private readonly ILogger _logger;
    private readonly TimeSpan _writeTimeout;
    private readonly int _maxRecords;

    /// <param name="store">The running coordinator's credential store (null before it started).</param>
    /// <param name="logger">The audit log.</param>
    /// <param name="writeTimeout">How long storing one record may take (requests.default_timeout_ms).</param>
    /// <param name="maxRecords">Records kept, newest first (security.audit_max_records).</param>
    public AuditInterceptor(Func<ICredentialStore?> store, ILogger logger, TimeSpan writeTimeout, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(writeTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        _store = store;
        _logger = logger;
        _writeTimeout = writeTimeout;
        _maxRecords = maxRecords;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (AccessRules.Of(context.Method) != MethodAccess.Admin)
        {
            return await continuation(request, context);
        }

        var status = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            throw;
        }
        catch (Exception)
        {
            status = context.CancellationToken.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.Unknown;
            throw;
        }
        finally
        {
            if (CallCaller.Of(context) is { } caller)
            {
                await RecordAsync(new AuditRecord(0, DateTimeOffset.UtcNow, caller.Name, context.Method, AuditTarget.Of(request), StatusCodeNames.Of(status)));
            }
        }
    }

    private async Task RecordAsync(AuditRecord record)
    {
        AuditLog.AdminCall(_logger, record.Caller, record.Method, record.Target, record.Status);
        try
        {
            var store = _store() ?? throw new InvalidOperationException("The coordinator has not started.");
            using var timeout = new CancellationTokenSource(_writeTimeout);
            await store.AppendAuditAsync(record, _maxRecords, timeout.Token);
        }
        catch (Exception ex)
        {
            AuditLog.StoreFailed(_logger, record.Caller, record.Method, record.Target, record.Status, ex);
        }
    }
}
