using Grpc.Core;
using Grpc.Core.Interceptors;
using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Interceptors;

/// <summary>
/// Authenticates and authorises every call of proto.CoordinatorService (health and reflection stay open): no or an
/// invalid credential is UNAUTHENTICATED; a tenant token calling an admin method, or naming another tenant than its own,
/// is PERMISSION_DENIED. With authentication off every call runs as
/// <see cref="Caller.Anonymous"/>. Every method of the service is unary; streams (health Watch, reflection) pass unchanged.
/// </summary>
public sealed class AuthenticationInterceptor : Interceptor
{
    private static readonly Status NotStarted = new(StatusCode.Unavailable, "The coordinator is starting; credentials cannot be checked yet.");

    private readonly bool _enabled;
    private readonly Func<Authenticator?> _authenticator;

    /// <param name="enabled">security.auth_enabled.</param>
    /// <param name="authenticator">The running coordinator's credential check (null before it started).</param>
    public AuthenticationInterceptor(bool enabled, Func<Authenticator?> authenticator)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        _enabled = enabled;
        _authenticator = authenticator;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var access = AccessRules.Of(context.Method);
        if (access == MethodAccess.Open)
        {
            return await continuation(request, context);
        }

        var caller = !_enabled
            ? Caller.Anonymous
            : await (_authenticator() ?? throw new RpcException(NotStarted))
                .AuthenticateAsync(context.RequestHeaders.GetValue(Authenticator.Header), context.CancellationToken);
        CallCaller.Attach(context, caller);
        if (AccessRules.Denial(caller, access, AccessRules.TenantOf(request)) is { } denial)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, denial));
        }

        return await continuation(request, context);
    }
}
