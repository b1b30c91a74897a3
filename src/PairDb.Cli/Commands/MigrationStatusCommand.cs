using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Watch;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb migration status ID [--watch] [--interval D]`: one status, or a live progress bar until it ends.</summary>
public static class MigrationStatusCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Migration id (printed by node add/remove/drain and tenant set-rf)." };
        var watch = new WatchOptions("Poll until the migration completes (exit 0), fails or is cancelled (exit 5), with a live progress bar.");
        var command = new Command("status", "Show a migration's status and progress.") { id };
        watch.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var migrationId = parse.GetRequiredValue(id);
            var watching = watch.Read(parse);
            return context.RunAsync(parse, "migration status " + migrationId, async session =>
            {
                if (!watching.Enabled)
                {
                    var response = await session.Client.GetMigrationStatusAsync(migrationId, session.CancellationToken);
                    session.Output.Write(ProtoViews.Migration(response), CliJson.Output.MigrationView, MigrationTables.Status);
                    return ExitCodes.Ok;
                }

                var final = await MigrationFollower.FollowAsync(session, migrationId, watching.Interval);
                session.Output.Write(final, CliJson.Output.MigrationView, MigrationTables.Status);
                return MigrationFollower.ExitCode(session, final);
            }, token);
        });
        return command;
    }
}
