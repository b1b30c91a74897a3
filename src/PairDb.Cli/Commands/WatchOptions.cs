using System.CommandLine;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>--watch and --interval of the commands that start or show a migration (one instance per command).</summary>
public sealed class WatchOptions
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    public WatchOptions(string watchDescription)
    {
        Watch = new Option<bool>("--watch", "-w") { Description = watchDescription };
        Interval = new Option<TimeSpan?>("--interval")
        {
            Description = $"With --watch: time between status polls, e.g. 500ms. Default: {Durations.Format(DefaultInterval)}.",
            HelpName = "DURATION",
            CustomParser = ValueParsers.PositiveDuration,
        };
    }

    public Option<bool> Watch { get; }

    public Option<TimeSpan?> Interval { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Watch);
        command.Add(Interval);
    }

    public WatchSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new WatchSettings(parse.GetValue(Watch), parse.GetValue(Interval) ?? DefaultInterval);
    }
}
