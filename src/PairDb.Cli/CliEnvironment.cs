using Spectre.Console;

namespace PairDb.Cli;

/// <summary>
/// Everything the CLI takes from its surroundings: standard streams, environment variables, the clock and the
/// terminal's capabilities. The process uses <see cref="FromProcess"/>; tests build one over in-memory streams.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Console width assumed when stdout is not a terminal: wide enough that no table or line wraps.</summary>
    public const int RedirectedWidth = 512;

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Opens standard input (for `kv put ... -`); called at most once per run.</summary>
    public required Func<Stream> OpenInput { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Spectre console writing to <see cref="Out"/>, with the terminal's capabilities (or none, in tests).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>How long Ctrl+C waits for the command to stop before the process exits; null leaves signals alone.</summary>
    public TimeSpan? TerminationTimeout { get; init; }

    public static CliEnvironment FromProcess()
    {
        // Piped or redirected output is for files and scripts: no colour or cursor codes, no live redraws, and
        // lines as wide as their content rather than wrapped at a terminal width that does not exist.
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return new CliEnvironment
        {
            Out = System.Console.Out,
            Error = System.Console.Error,
            OpenInput = System.Console.OpenStandardInput,
            GetVariable = Environment.GetEnvironmentVariable,
            Console = console,
            TerminationTimeout = TimeSpan.FromSeconds(2),
        };
    }
}
