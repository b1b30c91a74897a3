using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace PairDb.Cli.Commands;

/// <summary>Appends the exit-code table to every help page, so scripts' authors find it where they look.</summary>
public sealed class HelpEpilog : SynchronousCommandLineAction
{
    public const string Text = """
        Exit codes:
          0  ok
          1  usage or argument error
          2  not found (NOT_FOUND)
          3  rejected (INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS)
          4  unavailable (UNAVAILABLE, DEADLINE_EXCEEDED, connection refused)
          5  watched migration failed or was cancelled
          6  other server error
          7  denied (UNAUTHENTICATED, PERMISSION_DENIED): check --token / PAIRDB_TOKEN
        Errors are one line on stderr: pairdb: <what failed>: <status>: <message>. See docs/cli.md.
        """;

    private readonly HelpAction _help;

    private HelpEpilog(HelpAction help) => _help = help;

    public override bool ClearsParseErrors => _help.ClearsParseErrors;

    /// <summary>Wraps the help action of <paramref name="root"/>'s help option.</summary>
    public static void Install(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new HelpEpilog(help);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = _help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(Text);
        return exitCode;
    }
}
