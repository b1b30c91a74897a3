using System.Globalization;
using System.Net;
using System.Text;
using PairDb.Actors.Quorum;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Configuration;

/// <summary>Parses and range-checks raw setting values; every rejection names the key, the value and its source.</summary>
internal static class SettingValueParsers
{
    public const string NodeIdRequirement = "must be 1..256 bytes of printable characters without spaces";

    public static int Int(SettingInput input, int min, int max)
    {
        if (!int.TryParse(input.Text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw input.Invalid($"must be a whole number {min}..{max}");
        }

        return value >= min && value <= max ? value : throw input.Invalid($"must be {min}..{max}");
    }

    /// <summary>A TCP port; 0 lets the system pick a free one.</summary>
    public static int Port(SettingInput input) => Int(input, 0, 65535);

    public static int Positive(SettingInput input) => Int(input, 1, int.MaxValue);

    public static int NonNegative(SettingInput input) => Int(input, 0, int.MaxValue);

    public static TimeSpan Milliseconds(SettingInput input) => TimeSpan.FromMilliseconds(Positive(input));

    /// <summary>A share 0..1 written as a decimal number (0.1, 1, 0); no percent sign, no exponent.</summary>
    public static double Fraction(SettingInput input)
    {
        var text = input.Text.Trim();
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 1
            ? value
            : throw input.Invalid("must be a number from 0 to 1 such as 0.1 (0 never, 1 always)");
    }

    public static TimeSpan Hours(SettingInput input) => TimeSpan.FromHours(Positive(input));

    public static string BindAddress(SettingInput input)
    {
        var text = input.Text.Trim();
        return IPAddress.TryParse(text, out _) ? text : throw input.Invalid("must be an IP address such as 127.0.0.1 or 0.0.0.0");
    }

    public static string NodeId(SettingInput input)
    {
        var text = input.Text.Trim();
        return IsValidNodeId(text) ? text : throw input.Invalid(NodeIdRequirement);
    }

    /// <summary>A host name or IP address (trimmed); empty is allowed and means "not configured".</summary>
    public static string HostName(SettingInput input)
    {
        var text = input.Text.Trim();
        return text.Length == 0 || Uri.CheckHostName(text.Trim('[', ']')) != UriHostNameType.Unknown
            ? text
            : throw input.Invalid("must be a host name or IP address");
    }

    /// <summary>A host name or IP address (trimmed) that must be given.</summary>
    public static string RequiredHostName(SettingInput input)
    {
        var text = HostName(input);
        return text.Length > 0 ? text : throw input.Invalid("must be a host name or IP address");
    }

    /// <summary>A non-empty name without spaces or control characters (database and user names).</summary>
    public static string Word(SettingInput input)
    {
        var text = input.Text.Trim();
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw input.Invalid("must be a name without spaces or control characters");
            }
        }

        return text.Length > 0 ? text : throw input.Invalid("must not be empty");
    }

    /// <summary>A Redis key prefix: 1 to 64 printable ASCII characters without spaces.</summary>
    public static string KeyPrefix(SettingInput input)
    {
        var text = input.Text.Trim();
        foreach (var c in text)
        {
            if (c is <= ' ' or > '~')
            {
                throw input.Invalid("must be printable ASCII without spaces");
            }
        }

        return text.Length is >= 1 and <= 64 ? text : throw input.Invalid("must be 1 to 64 characters");
    }

    public static string Path(SettingInput input)
    {
        var text = input.Text.Trim();
        return text.IndexOfAny(System.IO.Path.GetInvalidPathChars()) < 0 ? text : throw input.Invalid("must be a valid folder path");
    }

    /// <summary>A file path (trimmed); empty means "not configured" (null).</summary>
    public static string? File(SettingInput input)
    {
        var text = input.Text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return text.IndexOfAny(System.IO.Path.GetInvalidPathChars()) < 0 ? text : throw input.Invalid("must be a valid file path");
    }

    public static DurabilityMode Durability(SettingInput input) => input.Text.Trim().ToUpperInvariant() switch
    {
        "FSYNC" => DurabilityMode.Fsync,
        "OS" => DurabilityMode.Os,
        _ => throw input.Invalid("must be 'fsync' (WAL fsynced per group commit) or 'os' (fsynced at checkpoints)"),
    };

    public static ReadRepairMode RepairMode(SettingInput input) => input.Text.Trim().ToUpperInvariant() switch
    {
        "ASYNC" => ReadRepairMode.Async,
        "SYNC" => ReadRepairMode.Sync,
        "OFF" => ReadRepairMode.Off,
        _ => throw input.Invalid("must be 'async', 'sync' or 'off'"),
    };

    /// <summary>A .NET level name, or one of the PairDB seed layout's names (info, warn, fatal, panic).</summary>
    public static LogLevel Level(SettingInput input)
    {
        var text = input.Text.Trim();
        switch (text.ToUpperInvariant())
        {
            case "INFO":
                return LogLevel.Information;
            case "WARN":
                return LogLevel.Warning;
            case "FATAL" or "PANIC":
                return LogLevel.Critical;
        }

        // Enum.TryParse also accepts numbers; only the names are documented.
        return text.Length > 0 && char.IsLetter(text[0]) && Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level)
            ? level
            : throw input.Invalid("must be one of Trace, Debug, Information (info), Warning (warn), Error, Critical (fatal), None");
    }

    public static LogFormat Format(SettingInput input) => input.Text.Trim().ToUpperInvariant() switch
    {
        "JSON" => LogFormat.Json,
        "TEXT" or "CONSOLE" => LogFormat.Text,
        _ => throw input.Invalid("must be 'json' or 'text'"),
    };

    public static bool Bool(SettingInput input) => input.Text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" or "1" => true,
        "FALSE" or "NO" or "OFF" or "0" => false,
        _ => throw input.Invalid("must be true or false"),
    };

    public static Consistency ConsistencyLevel(SettingInput input) =>
        input.Text.Trim().Length > 0 && ConsistencyLevels.TryParse(input.Text.Trim(), out var level)
            ? level
            : throw input.Invalid("must be 'one', 'quorum' or 'all'");

    /// <summary>An absolute URL path such as /metrics: starts with '/', no spaces, query or fragment.</summary>
    public static string UrlPath(SettingInput input)
    {
        var text = input.Text.Trim();
        var valid = text.StartsWith('/') && text.IndexOfAny([' ', '?', '#', '\t']) < 0 && Uri.IsWellFormedUriString(text, UriKind.Relative);
        return valid ? text : throw input.Invalid("must be a URL path starting with '/', such as /metrics");
    }

    /// <summary>
    /// A duration written the PairDB seed layout's way (Go's time.ParseDuration): one or more decimal numbers each with
    /// a unit ns, us, ms, s, m or h, such as 500ms, 10s, 30m, 1h30m or 1.5s; at least a millisecond.
    /// </summary>
    public static TimeSpan Duration(SettingInput input)
    {
        var text = input.Text.Trim();
        return GoDuration.TryParse(text, out var duration) && duration >= TimeSpan.FromMilliseconds(1)
            ? duration
            : throw input.Invalid("must be a duration of at least 1ms such as 500ms, 10s, 30m or 1h30m");
    }

    /// <summary>A duration as <see cref="Duration"/>, or "off" (also "0") for <see cref="TimeSpan.Zero"/>: the feature is turned off.</summary>
    public static TimeSpan DurationOrOff(SettingInput input)
    {
        var text = input.Text.Trim();
        return text is "0" || text.Equals("off", StringComparison.OrdinalIgnoreCase) ? TimeSpan.Zero : Duration(input);
    }

    /// <summary>A coordinator id goes into every vector clock it stamps: non-empty, bounded, no spaces or control characters.</summary>
    public static bool IsValidNodeId(string text)
    {
        if (text.Length == 0 || Encoding.UTF8.GetByteCount(text) > RequestLimits.MaxNodeIdBytes)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
