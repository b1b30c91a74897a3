using PairDb.Cli.Output;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>The global options of one run, resolved (flags, then environment, then defaults); Token is empty when none was given.</summary>
public sealed record CliSettings(CoordinatorAddress Coordinator, OutputFormat Output, TimeSpan Timeout, string Token);
