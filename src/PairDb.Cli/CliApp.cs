using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using PairDb.Cli.Commands;
using PairDb.Cli.Errors;

namespace PairDb.Cli;

/// <summary>Entry point of the CLI: parses the arguments, reports usage errors on stderr, runs the command.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot(CliEnvironment environment) =>
        CommandTree.Build(new CommandContext(environment, new GlobalOptions()));

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parse = BuildRoot(environment).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return ReportUsage(parse, environment.Error);
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            // Every failure is reported by CommandContext as one line; nothing should print a stack trace.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = environment.TerminationTimeout,
        };
        return await parse.InvokeAsync(configuration, CancellationToken.None);
    }

    /// <summary>One line per parse error, then where to find the command's usage; exit code 1.</summary>
    private static int ReportUsage(ParseResult parse, TextWriter error)
    {
        var path = CommandPath(parse.CommandResult);
        foreach (var problem in parse.Errors)
        {
            error.WriteLine(ErrorLines.Usage(path.Length == 0 ? "command line" : path, problem.Message));
        }

        error.WriteLine($"Run '{(path.Length == 0 ? "pairdb" : "pairdb " + path)} --help' for usage.");
        error.Flush();
        return ExitCodes.Usage;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                if (command.Command is not RootCommand)
                {
                    names.Add(command.Command.Name);
                }
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
