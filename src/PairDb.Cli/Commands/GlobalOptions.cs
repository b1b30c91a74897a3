using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>--coordinator, --output, --timeout and --token: recursive, so they are accepted before or after any subcommand.</summary>
public sealed class GlobalOptions
{
    public const string CoordinatorVariable = "PAIRDB_COORDINATOR";
    public const string TokenVariable = "PAIRDB_TOKEN";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public Option<CoordinatorAddress?> Coordinator { get; } = new("--coordinator", "-c")
    {
        Description = $"Coordinator gRPC endpoint. Default: ${CoordinatorVariable}, else {CoordinatorAddress.Default}.",
        HelpName = "HOST:PORT",
        Recursive = true,
        CustomParser = ValueParsers.Address,
    };

    public Option<OutputFormat?> Output { get; } = new("--output", "-o")
    {
        Description = "table for people, json for scripts (one JSON document on stdout). Default: table.",
        HelpName = "table|json",
        Recursive = true,
        CustomParser = ValueParsers.OutputFormat,
    };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = $"Deadline of each call to the coordinator, e.g. 500ms, 30s. Default: {Durations.Format(DefaultTimeout)}.",
        HelpName = "DURATION",
        Recursive = true,
        CustomParser = ValueParsers.PositiveDuration,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token sent with every call (the admin token or a tenant token). Default: ${TokenVariable}, else none.",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(Coordinator);
        root.Add(Output);
        root.Add(Timeout);
        root.Add(Token);
    }

    /// <summary>Resolves the settings; an invalid PAIRDB_COORDINATOR is a usage error.</summary>
    public CliSettings Read(ParseResult parse, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(getVariable);
        var address = parse.GetValue(Coordinator) ?? FromEnvironment(getVariable);
        var token = parse.GetValue(Token) ?? getVariable(TokenVariable) ?? string.Empty;
        return new CliSettings(address, parse.GetValue(Output) ?? OutputFormat.Table, parse.GetValue(Timeout) ?? DefaultTimeout, token.Trim());
    }

    private static CoordinatorAddress FromEnvironment(Func<string, string?> getVariable)
    {
        var text = getVariable(CoordinatorVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return CoordinatorAddress.Local;
        }

        return CoordinatorAddress.TryParse(text, out var address, out var error)
            ? address!
            : throw new CliUsageException($"{CoordinatorVariable}: {error}");
    }
}
