using PairDb.Cli.Client;
using PairDb.Cli.Output;

namespace PairDb.Cli.Commands;

/// <summary>What a running command works with: the coordinator client, the output, its settings and environment.</summary>
public sealed record CommandSession(
    CoordinatorClient Client,
    OutputWriter Output,
    CliSettings Settings,
    CliEnvironment Environment,
    CancellationToken CancellationToken);
