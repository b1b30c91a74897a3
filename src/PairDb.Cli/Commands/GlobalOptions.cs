using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Parsing;
using PairDb.Messages.Tls;

namespace PairDb.Cli.Commands;

/// <summary>
/// --coordinator, --output, --timeout, --token and the TLS files: recursive, so they are accepted before or after any
/// subcommand.
/// </summary>
public sealed class GlobalOptions
{
    public const string CoordinatorVariable = "PAIRDB_COORDINATOR";
    public const string TokenVariable = "PAIRDB_TOKEN";
    public const string TlsCaVariable = "PAIRDB_TLS_CA";
    public const string TlsCertVariable = "PAIRDB_TLS_CERT";
    public const string TlsKeyVariable = "PAIRDB_TLS_KEY";
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

    public Option<string?> TlsCa { get; } = new("--tls-ca")
    {
        Description = $"PEM file of the CA the coordinator's certificate must chain to (dials TLS). Default: ${TlsCaVariable}, else the system's trust store.",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> TlsCert { get; } = new("--tls-cert")
    {
        Description = $"PEM client certificate, for a coordinator that requires one (dials TLS; with --tls-key). Default: ${TlsCertVariable}.",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> TlsKey { get; } = new("--tls-key")
    {
        Description = $"PEM private key of --tls-cert. Default: ${TlsKeyVariable}.",
        HelpName = "FILE",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(Coordinator);
        root.Add(Output);
        root.Add(Timeout);
        root.Add(Token);
        root.Add(TlsCa);
        root.Add(TlsCert);
        root.Add(TlsKey);
    }

    /// <summary>Resolves the settings; an invalid PAIRDB_COORDINATOR is a usage error.</summary>
    public CliSettings Read(ParseResult parse, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(getVariable);
        var address = parse.GetValue(Coordinator) ?? FromEnvironment(getVariable);
        var token = parse.GetValue(Token) ?? getVariable(TokenVariable) ?? string.Empty;
        var tls = new ClientTlsFiles(
            File(parse.GetValue(TlsCa), TlsCaVariable, getVariable),
            File(parse.GetValue(TlsCert), TlsCertVariable, getVariable),
            File(parse.GetValue(TlsKey), TlsKeyVariable, getVariable));
        if ((tls.CertificateFile is null) != (tls.KeyFile is null))
        {
            throw new CliUsageException("--tls-cert and --tls-key go together (or PAIRDB_TLS_CERT and PAIRDB_TLS_KEY).");
        }

        return new CliSettings(tls.Any ? address with { Https = true } : address, parse.GetValue(Output) ?? OutputFormat.Table, parse.GetValue(Timeout) ?? DefaultTimeout, token.Trim())
        {
            Tls = tls,
        };
    }

    private static string? File(string? flag, string variable, Func<string, string?> getVariable) =>
        !string.IsNullOrWhiteSpace(flag) ? flag : getVariable(variable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

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
