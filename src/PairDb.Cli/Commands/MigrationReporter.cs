using System.Text.Json.Serialization.Metadata;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Watch;
using Spectre.Console.Rendering;

namespace PairDb.Cli.Commands;

/// <summary>
/// Prints the result of a command that may start a migration and, with --watch, follows it: in table mode the
/// change first, then progress, then the final status; in JSON mode one document with the final status attached.
/// </summary>
public static class MigrationReporter
{
    public static async Task<int> ReportAsync<T>(
        CommandSession session,
        T change,
        string migrationId,
        WatchSettings watch,
        JsonTypeInfo<T> json,
        Func<T, IRenderable> table,
        Func<T, MigrationView, T> attach)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(attach);
        var output = session.Output;
        if (!watch.Enabled || migrationId.Length == 0)
        {
            output.Write(change, json, table);
            if (watch.Enabled)
            {
                output.Note("No migration was started: nothing to watch.");
            }

            return ExitCodes.Ok;
        }

        if (!output.IsJson)
        {
            output.Write(change, json, table);
        }

        var final = await MigrationFollower.FollowAsync(session, migrationId, watch.Interval);
        if (output.IsJson)
        {
            output.Write(attach(change, final), json, table);
        }
        else
        {
            output.Write(final, CliJson.Output.MigrationView, MigrationTables.Status);
        }

        return MigrationFollower.ExitCode(session, final);
    }
}
