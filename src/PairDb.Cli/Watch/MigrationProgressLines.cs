using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Watch;

/// <summary>Progress for logs and pipes (no live terminal): one line whenever status, phase or percentage changes.</summary>
public sealed class MigrationProgressLines
{
    private readonly OutputWriter _output;
    private string? _last;

    public MigrationProgressLines(OutputWriter output) => _output = output;

    public void Report(MigrationView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var line = Describe(state);
        if (!string.Equals(line, _last, StringComparison.Ordinal))
        {
            _last = line;
            _output.Note(line);
        }
    }

    /// <summary>"migration m-1: in_progress, streaming, 42.0% (420/1,000 keys)".</summary>
    public static string Describe(MigrationView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var phase = state.Phase.Length == 0 ? string.Empty : ", " + state.Phase;
        return "migration " + state.MigrationId + ": " + state.Status + phase + ", " + MigrationTables.Progress(state);
    }
}
