using PairDb.Cli.Commands;
using Spectre.Console;

namespace PairDb.Cli.Tests.Support;

/// <summary>
/// Runs the CLI in-process exactly as Program does, over in-memory stdout/stderr/stdin and a fixed-width console
/// without colours. PAIRDB_COORDINATOR points at <c>coordinator</c> unless a test changes <see cref="Variables"/>.
/// </summary>
public sealed class CliRunner
{
    public const int ConsoleWidth = 160;

    public CliRunner(string coordinator)
    {
        Variables[GlobalOptions.CoordinatorVariable] = coordinator;
    }

    public Dictionary<string, string> Variables { get; } = [];

    public byte[] Stdin { get; set; } = [];

    /// <summary>Whether the console claims a live terminal (ANSI and interactive), which switches watch to the progress bar.</summary>
    public bool Interactive { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            OpenInput = () => new MemoryStream(Stdin, writable: false),
            GetVariable = name => Variables.GetValueOrDefault(name),
            Console = CreateConsole(stdout, Interactive),
        };
        var exitCode = await CliApp.RunAsync(args, environment);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static IAnsiConsole CreateConsole(TextWriter writer, bool interactive = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = ConsoleWidth;
        return console;
    }
}
