using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb audit list [--limit N] [--before ID]`: audit records of admin calls, newest first.</summary>
public static class AuditListCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = new Option<int>("--limit")
        {
            Description = "Most records listed (at most the coordinator's security.max_page_size). Default: 100.",
            HelpName = "N",
            CustomParser = ValueParsers.PositiveInt,
        };
        var before = new Option<int>("--before")
        {
            Description = "Only records with a smaller id (the next page, as the previous page's caption names it).",
            HelpName = "ID",
            CustomParser = ValueParsers.PositiveInt,
        };
        var command = new Command("list", "List audit records: id, time, caller, method, target, status.") { limit, before };
        command.SetAction((parse, token) =>
        {
            var pageSize = parse.GetValue(limit);
            var beforeId = parse.GetValue(before);
            return context.RunAsync(parse, "list audit records", async session =>
            {
                var response = await session.Client.ListAuditRecordsAsync(pageSize, beforeId, session.CancellationToken);
                session.Output.Write(SecurityViews.Audit(response), CliJson.Output.AuditListView, SecurityTables.Audit);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
