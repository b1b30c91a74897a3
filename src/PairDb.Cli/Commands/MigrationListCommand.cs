using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb migration list [--active]`: migrations, newest first.</summary>
public static class MigrationListCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var active = new Option<bool>("--active") { Description = "Only migrations that are pending or in progress." };
        var command = new Command("list", "List migrations, newest first.") { active };
        command.SetAction((parse, token) =>
        {
            var activeOnly = parse.GetValue(active);
            return context.RunAsync(parse, activeOnly ? "list active migrations" : "list migrations", async session =>
            {
                var response = await session.Client.ListMigrationsAsync(activeOnly, session.CancellationToken);
                session.Output.Write(ProtoViews.Migrations(response), CliJson.Output.MigrationListView, MigrationTables.List);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
