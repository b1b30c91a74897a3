using System.CommandLine.Parsing;
using System.Globalization;

namespace PairDb.Cli.Parsing;

/// <summary>Custom parsers for options and arguments: a bad value is a parse error (exit 1) naming the option.</summary>
public static class ValueParsers
{
    public static TimeSpan? PositiveDuration(ArgumentResult result)
    {
        var text = Single(result);
        if (Durations.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"{Name(result)}: '{text}' is not a positive duration (e.g. 500ms, 1s, 1.5s, 2m).");
        return null;
    }

    /// <summary>A time to live: a positive duration (30s, 5m, 2h, 1d), in whole milliseconds rounded up.</summary>
    public static long? TimeToLiveMilliseconds(ArgumentResult result)
    {
        var text = Single(result);
        if (Durations.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return (long)Math.Ceiling(duration.TotalMilliseconds);
        }

        result.AddError($"{Name(result)}: '{text}' is not a positive duration (e.g. 30s, 5m, 2h, 1d).");
        return null;
    }

    /// <summary>A vector clock as the CLI prints it (<see cref="ClockText"/>).</summary>
    public static Protocol.Coordinator.VectorClock? Clock(ArgumentResult result)
    {
        var text = Single(result);
        if (ClockText.TryParse(text, out var clock))
        {
            return clock;
        }

        result.AddError($"{Name(result)}: '{text}' is not a vector clock as pairdb prints it (e.g. 'coord-a:3, coord-b:1'; '-' for the empty clock).");
        return null;
    }

    public static int PositiveInt(ArgumentResult result) => IntInRange(result, 1, int.MaxValue);

    public static int Port(ArgumentResult result) => IntInRange(result, 1, 65535);

    /// <summary>A rate limit per second: 0 (unlimited) up to 2147483647.</summary>
    public static long Rate(ArgumentResult result) => IntInRange(result, 0, int.MaxValue);

    public static CoordinatorAddress? Address(ArgumentResult result)
    {
        var text = Single(result);
        if (CoordinatorAddress.TryParse(text, out var address, out var error))
        {
            return address;
        }

        result.AddError($"{Name(result)}: {error}");
        return null;
    }

    /// <summary>A cluster member as `cluster members` lists it: HOST:PORT ([v6]:PORT), normalised.</summary>
    public static string MemberAddress(ArgumentResult result)
    {
        var text = Single(result);
        if (!text.Contains("://", StringComparison.Ordinal) && CoordinatorAddress.TryParse(text, out var address, out _))
        {
            return address!.ToString();
        }

        result.AddError($"{Name(result)}: '{text}' is not HOST:PORT as `pairdb cluster members` lists it (e.g. 10.0.0.5:4053).");
        return string.Empty;
    }

    public static Output.OutputFormat? OutputFormat(ArgumentResult result)
    {
        var text = Single(result);
        if (string.Equals(text, "table", StringComparison.OrdinalIgnoreCase))
        {
            return Output.OutputFormat.Table;
        }

        if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Output.OutputFormat.Json;
        }

        result.AddError($"{Name(result)}: '{text}' is not one of table, json.");
        return null;
    }

    private static int IntInRange(ArgumentResult result, int min, int max)
    {
        var text = Single(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}";
        result.AddError($"{Name(result)}: '{text}' is not {range}.");
        return 0;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;

    // An option's argument result has the option as its parent; a command argument is named by itself.
    private static string Name(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
