using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>Decides a conditional write (if_clock, if_absent) against what the key holds now.</summary>
public static class WriteCondition
{
    /// <summary>
    /// Null when <paramref name="command"/>'s condition holds (or it has none); otherwise why not, naming both sides.
    /// <paramref name="current"/> is the merged clock of the key's current versions (empty when it has none),
    /// <paramref name="exists"/> whether the key reads as found.
    /// </summary>
    public static string? Check(WriteKey command, VectorClock current, bool exists)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(current);
        if (command.IfClock is { } expected && !expected.Equals(current))
        {
            return $"Condition if_clock {expected} does not hold: the key's current clock is {current}.";
        }

        if (command.IfAbsent && exists)
        {
            return $"Condition if_absent does not hold: the key exists (current clock {current}).";
        }

        return null;
    }
}
