using System.CommandLine;
using Grpc.Core;
using PairDb.Cli.Client;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;

namespace PairDb.Cli.Commands;

/// <summary>
/// Runs a command body with its settings, client and output, and turns every failure into one stderr line and
/// its exit code, so no command handles errors itself and no stack trace reaches the operator.
/// </summary>
public sealed class CommandContext
{
    public CommandContext(CliEnvironment environment, GlobalOptions globals)
    {
        Environment = environment;
        Globals = globals;
    }

    public CliEnvironment Environment { get; }

    public GlobalOptions Globals { get; }

    /// <param name="parse">The parsed command line.</param>
    /// <param name="what">What the command does, for error lines ("add storage node storage-4").</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    public async Task<int> RunAsync(ParseResult parse, string what, Func<CommandSession, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        CliSettings settings;
        try
        {
            settings = Globals.Read(parse, Environment.GetVariable);
        }
        catch (CliUsageException ex)
        {
            return Fail(ErrorLines.Usage(what, ex.Message), ExitCodes.Usage);
        }

        using var client = new CoordinatorClient(settings.Coordinator, settings.Timeout, settings.Token);
        var output = new OutputWriter(settings.Output, Environment.Console, Environment.Out);
        try
        {
            return await body(new CommandSession(client, output, settings, Environment, cancellationToken));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ErrorLines.Interrupted(what), ExitCodes.Interrupted);
        }
        catch (RpcException ex)
        {
            return Fail(ErrorLines.Rpc(what, ex, settings.Coordinator, settings.Timeout), ExitCodeMap.For(ex.StatusCode));
        }
        catch (CliUsageException ex)
        {
            return Fail(ErrorLines.Usage(what, ex.Message), ExitCodes.Usage);
        }
        catch (Exception ex)
        {
            return Fail(ErrorLines.Unexpected(what, ex), ExitCodes.ServerError);
        }
    }

    private int Fail(string line, int exitCode)
    {
        Environment.Error.WriteLine(line);
        Environment.Error.Flush();
        return exitCode;
    }
}
