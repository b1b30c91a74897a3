using PairDb.Cli.Output.Views;
using Spectre.Console;

namespace PairDb.Cli.Watch;

/// <summary>The live Spectre progress bar of a watched migration, for an interactive terminal.</summary>
public static class MigrationProgressBar
{
    public static Task<MigrationView> RunAsync(IAnsiConsole console, string migrationId, MigrationWatcher watcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape("migration " + migrationId), maxValue: 100);
                var final = await watcher.WatchAsync(state => Update(task, state), cancellationToken);
                task.StopTask();
                return final;
            });
    }

    private static void Update(ProgressTask task, MigrationView state)
    {
        task.Value = MigrationStates.Outcome(state.Status) == MigrationOutcome.Completed ? 100 : Math.Clamp(state.Percentage, 0, 100);
        var phase = state.Phase.Length == 0 ? state.Status : state.Status + ", " + state.Phase;
        task.Description = Markup.Escape($"migration {state.MigrationId} ({phase})");
    }
}
