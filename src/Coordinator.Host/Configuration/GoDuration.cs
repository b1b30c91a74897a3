using System.Globalization;

namespace PairDb.Coordinator.Configuration;

/// <summary>
/// Parses durations the way the PairDB seed layout writes them (Go's time.ParseDuration, without a sign): a sequence
/// of decimal numbers, each followed by a unit: ns, us (or µs), ms, s, m, h. "0" alone is zero.
/// </summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        if (text.Length == 0)
        {
            return false;
        }

        var ticks = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var numberStart = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == numberStart
                || !double.TryParse(text.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            if (UnitTicks(text.AsSpan(unitStart, i - unitStart)) is not { } unit)
            {
                return false;
            }

            ticks += number * unit;
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static double? UnitTicks(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
        "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => null,
    };
}
