using System.Globalization;

namespace PairDb.Cli.Parsing;

/// <summary>Durations as operators type them: "500ms", "1s", "1.5s", "2m", "2h", "1d", or a bare number of seconds.</summary>
public static class Durations
{
    // Far beyond any sensible timeout, and small enough that the tick count cannot overflow.
    private const decimal MaxMilliseconds = 100L * 365 * 24 * 3600 * 1000;

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var (number, scale) = Split(text.Trim());
        // decimal, so "1234.567s" is exactly 1,234,567 ms (a double would land a tick short).
        if (scale is null || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value > MaxMilliseconds / scale.Value)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(value * scale.Value * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>The shortest exact text for a duration, e.g. "10s", "500ms", "1.5s", "2m".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerMinute == 0 && duration >= TimeSpan.FromMinutes(1))
        {
            return duration.TotalMinutes.ToString(CultureInfo.InvariantCulture) + "m";
        }

        return duration < TimeSpan.FromSeconds(1)
            ? duration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms"
            : duration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
    }

    // Longest suffix first, so "ms" is not read as "m" plus garbage.
    private static (string Number, decimal? MillisecondsPerUnit) Split(string text)
    {
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            return (text[..^2], 1);
        }

        if (text.EndsWith('s') || text.EndsWith('S'))
        {
            return (text[..^1], 1000);
        }

        if (text.EndsWith('m') || text.EndsWith('M'))
        {
            return (text[..^1], 60_000);
        }

        if (text.EndsWith('h') || text.EndsWith('H'))
        {
            return (text[..^1], 3_600_000);
        }

        if (text.EndsWith('d') || text.EndsWith('D'))
        {
            return (text[..^1], 86_400_000);
        }

        return text.Length > 0 && char.IsAsciiDigit(text[^1]) ? (text, 1000) : (text, null);
    }
}
