using Grpc.Core;

namespace PairDb.Coordinator.Interceptors;

/// <summary>
/// The deadline a call hands to the actors: the client's grpc-timeout, or the configured per-operation default when
/// the client sent none. <see cref="DeadlineInterceptor"/> attaches it to every call; the edge reads it here.
/// </summary>
public static class CallDeadline
{
    private const string Key = "pairdb.deadline";

    /// <summary>The call's effective deadline (UTC).</summary>
    public static DateTime Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(Key, out var deadline)
            ? (DateTime)deadline
            : throw new InvalidOperationException("No deadline attached to the call: register the coordinator's interceptors (CoordinatorGrpc.AddCoordinatorGrpc).");
    }

    /// <summary>Time left until the call's effective deadline; zero once it has passed.</summary>
    public static TimeSpan Remaining(ServerCallContext context) => RemainingUntil(Of(context));

    /// <summary>Time left until <paramref name="deadline"/> (UTC); zero once it has passed.</summary>
    public static TimeSpan RemainingUntil(DateTime deadline)
    {
        var remaining = deadline - DateTime.UtcNow;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>
    /// grpc-dotnet reports "no deadline" as <see cref="DateTime.MaxValue"/>; that becomes now + <paramref name="defaultTimeout"/>.
    /// </summary>
    internal static void Attach(ServerCallContext context, TimeSpan defaultTimeout)
    {
        var sent = context.Deadline;
        context.UserState[Key] = sent == DateTime.MaxValue ? DateTime.UtcNow + defaultTimeout : sent.ToUniversalTime();
    }
}
