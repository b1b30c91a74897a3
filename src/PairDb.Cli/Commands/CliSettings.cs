using PairDb.Cli.Output;
using PairDb.Cli.Parsing;
using PairDb.Messages.Tls;

namespace PairDb.Cli.Commands;

/// <summary>The global options of one run, resolved (flags, then environment, then defaults); Token is empty when none was given.</summary>
public sealed record CliSettings(CoordinatorAddress Coordinator, OutputFormat Output, TimeSpan Timeout, string Token)
{
    /// <summary>--tls-ca, --tls-cert, --tls-key (or PAIRDB_TLS_*): any of them makes the coordinator dialled over TLS.</summary>
    public ClientTlsFiles Tls { get; init; } = ClientTlsFiles.None;
}
