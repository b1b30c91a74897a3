using System.Globalization;

namespace PairDb.Storage.Hosting;

/// <summary>Parses setting values: integers, byte sizes ("1MiB"), durations ("90s", "1h", "00:05:00"), modes.</summary>
internal static class SettingParsers
{
    private static readonly (string Suffix, long Factor)[] SizeSuffixes =
    [
        ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1),
    ];

    private static readonly (string Suffix, long TicksPerUnit)[] DurationSuffixes =
    [
        ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour), ("d", TimeSpan.TicksPerDay),
    ];

    public static int Int(string name, string text)
    {
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new StorageConfigurationException($"{name} must be an integer (was '{text}').");
    }

    /// <summary>A port, or "off"/"none"/"disabled" for no listener.</summary>
    public static int? OptionalPort(string name, string text)
    {
        var trimmed = text.Trim();
        return trimmed.Equals("off", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("disabled", StringComparison.OrdinalIgnoreCase)
            ? null
            : Int(name, trimmed);
    }

    public static long Size(string name, string text)
    {
        var trimmed = text.Trim();
        foreach (var (suffix, factor) in SizeSuffixes)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scaled))
            {
                return checked(scaled * factor);
            }
        }

        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            return bytes;
        }

        throw new StorageConfigurationException($"{name} must be a size in bytes, optionally with KiB/MiB/GiB (was '{text}').");
    }

    public static int IntSize(string name, string text)
    {
        var size = Size(name, text);
        return size <= int.MaxValue
            ? (int)size
            : throw new StorageConfigurationException($"{name} is too large (was '{text}').");
    }

    /// <summary>"250ms", "90s", "5m", "1h", "2d", a plain number of seconds, or a TimeSpan ("01:00:00").</summary>
    public static TimeSpan Duration(string name, string text)
    {
        var trimmed = text.Trim();
        foreach (var (suffix, ticks) in DurationSuffixes)
        {
            // "ms" is tried first, so "250ms" never reads as minutes or seconds.
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var units))
            {
                return TimeSpan.FromTicks((long)(units * ticks));
            }
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        throw new StorageConfigurationException($"{name} must be a duration such as 90s, 5m, 1h or 01:00:00 (was '{text}').");
    }

    /// <summary>A log level by name, case-insensitive: Trace, Debug, Information, Warning, Error, Critical or None.</summary>
    public static LogLevel Level(string name, string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && char.IsAsciiLetter(trimmed[0]) && Enum.TryParse<LogLevel>(trimmed, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new StorageConfigurationException(
                $"{name} must be one of Trace, Debug, Information, Warning, Error, Critical, None (was '{text}').");
    }

    public static DurabilityMode Durability(string name, string text) => text.Trim().ToUpperInvariant() switch
    {
        "FSYNC" or "FULL" => DurabilityMode.Fsync,
        "OS" or "NORMAL" => DurabilityMode.Os,
        _ => throw new StorageConfigurationException($"{name} must be 'fsync' or 'os' (was '{text}')."),
    };
}
