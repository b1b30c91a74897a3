using Grpc.Core;
using PairDb.Coordinator.Security;

namespace PairDb.Coordinator.Interceptors;

/// <summary>The caller of a call, attached by <see cref="AuthenticationInterceptor"/> once the credential is checked, for the audit.</summary>
public static class CallCaller
{
    private const string Key = "pairdb.caller";

    public static void Attach(ServerCallContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UserState[Key] = caller;
    }

    /// <summary>The attached caller, or null when the call was not authenticated.</summary>
    public static Caller? Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(Key, out var caller) ? caller as Caller : null;
    }
}
