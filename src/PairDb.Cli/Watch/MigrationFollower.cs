using PairDb.Cli.Commands;
using PairDb.Cli.Errors;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Watch;

/// <summary>
/// Follows a migration to its end with the right progress display (live bar on a terminal, lines otherwise,
/// nothing in JSON mode) and decides the exit code from how it ended.
/// </summary>
public static class MigrationFollower
{
    public static Task<MigrationView> FollowAsync(CommandSession session, string migrationId, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(session);
        var client = session.Client;
        var watcher = new MigrationWatcher(
            async token => ProtoViews.Migration(await client.GetMigrationStatusAsync(migrationId, token)),
            interval,
            session.Environment.Time);
        var output = session.Output;
        if (output.IsJson)
        {
            return watcher.WatchAsync(static _ => { }, session.CancellationToken);
        }

        if (output.Console.Profile.Capabilities.Interactive)
        {
            return MigrationProgressBar.RunAsync(output.Console, migrationId, watcher, session.CancellationToken);
        }

        var lines = new MigrationProgressLines(output);
        return watcher.WatchAsync(lines.Report, session.CancellationToken);
    }

    /// <summary>0 when the migration completed; otherwise reports why on stderr and returns <see cref="ExitCodes.MigrationFailed"/>.</summary>
    public static int ExitCode(CommandSession session, MigrationView final)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(final);
        if (MigrationStates.Outcome(final.Status) == MigrationOutcome.Completed)
        {
            return ExitCodes.Ok;
        }

        session.Environment.Error.WriteLine(ErrorLines.MigrationEnded(final.MigrationId, final.Status, final.FailureReason));
        session.Environment.Error.Flush();
        return ExitCodes.MigrationFailed;
    }
}
