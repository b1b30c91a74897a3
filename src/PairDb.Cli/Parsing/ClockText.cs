using System.Globalization;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Parsing;

/// <summary>
/// A vector clock as the CLI prints it: "coord-a:3, coord-b:1" (entries separated by commas, each a coordinator id and
/// its counter after the last ':'), or "-" for the empty clock. Coordinator ids containing ',' cannot be written so.
/// </summary>
public static class ClockText
{
    public const string Empty = "-";

    public static bool TryParse(string? text, out VectorClock clock)
    {
        clock = new VectorClock();
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Trim() == Empty)
        {
            return true;
        }

        foreach (var part in text.Split(','))
        {
            var entry = part.Trim();
            var colon = entry.LastIndexOf(':');
            if (colon <= 0
                || !long.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var counter)
                || counter <= 0)
            {
                return false;
            }

            clock.Entries.Add(new VectorClockEntry { CoordinatorNodeId = entry[..colon], LogicalTimestamp = counter });
        }

        return true;
    }
}
