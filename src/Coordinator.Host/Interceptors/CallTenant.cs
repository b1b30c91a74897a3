using Grpc.Core;

namespace PairDb.Coordinator.Interceptors;

/// <summary>The tenant a call named, attached by the edge once it has read the request, for the request log line.</summary>
public static class CallTenant
{
    private const string Key = "pairdb.tenant";

    public static void Attach(ServerCallContext context, string tenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UserState[Key] = tenant;
    }

    /// <summary>The attached tenant, or null when the call named none (or failed before the edge read it).</summary>
    public static string? Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(Key, out var tenant) ? tenant as string : null;
    }
}
