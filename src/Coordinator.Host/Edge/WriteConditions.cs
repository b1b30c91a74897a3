using System.Text;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using ClientClock = PairDb.Protocol.Coordinator.VectorClock;
using DomainClock = PairDb.Messages.Values.VectorClock;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// A write's causal context and condition as the client sent them, checked: at most one of context, if_clock and
/// if_absent; clocks of 0..<see cref="MaxEntries"/> entries with distinct, non-empty ids and positive counters. A
/// condition that does not hold is answered by <see cref="KeyFailure.ConditionFailed"/>.
/// </summary>
public sealed record WriteConditions(DomainClock? Context, DomainClock? IfClock, bool IfAbsent)
{
    /// <summary>The most entries a client clock may hold (a storage node's default bound on stored clocks).</summary>
    public const int MaxEntries = 64;

    public static WriteConditions None { get; } = new(null, null, false);

    /// <summary>Checks and converts; a violation is an INVALID_ARGUMENT failure naming the field.</summary>
    public static KeyFailure? TryFrom(ClientClock? context, ClientClock? ifClock, bool ifAbsent, out WriteConditions conditions)
    {
        conditions = None;
        var set = (context is null ? 0 : 1) + (ifClock is null ? 0 : 1) + (ifAbsent ? 1 : 0);
        if (set > 1)
        {
            return KeyFailure.InvalidArgument(
                "At most one of context, if_clock and if_absent may be set: if_clock already names every version the write replaces, and if_absent that there is none.");
        }

        if (set == 0)
        {
            return null;
        }

        var contextError = ToClock(context, "context", out var contextClock);
        var ifClockError = ToClock(ifClock, "if_clock", out var ifClockValue);
        if ((contextError ?? ifClockError) is { } error)
        {
            return KeyFailure.InvalidArgument(error);
        }

        conditions = new(contextClock, ifClockValue, ifAbsent);
        return null;
    }

    private static string? ToClock(ClientClock? clock, string field, out DomainClock? result)
    {
        result = null;
        if (clock is null)
        {
            return null;
        }

        var entries = clock.Entries;
        if (entries.Count > MaxEntries)
        {
            return $"{field} holds {entries.Count} entries; the limit is {MaxEntries}.";
        }

        var list = new ClockEntry[entries.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var entry = entries[i];
            var idBytes = Encoding.UTF8.GetByteCount(entry.CoordinatorNodeId);
            if (idBytes is 0 or > RequestLimits.MaxNodeIdBytes)
            {
                return $"{field}.entries[{i}].coordinator_node_id must be 1..{RequestLimits.MaxNodeIdBytes} bytes (got {idBytes}).";
            }

            if (entry.LogicalTimestamp <= 0)
            {
                return $"{field}.entries[{i}].logical_timestamp must be positive (got {entry.LogicalTimestamp}).";
            }

            list[i] = new ClockEntry(entry.CoordinatorNodeId, entry.LogicalTimestamp);
        }

        result = DomainClock.From(list);
        return result.Count != list.Length ? $"{field} names a coordinator more than once." : null;
    }
}
