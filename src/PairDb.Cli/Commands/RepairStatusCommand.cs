using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb repair status [--ranges]`: anti-entropy's current pass, last full pass, and optionally every range.</summary>
public static class RepairStatusCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ranges = new Option<bool>("--ranges")
        {
            Description = "Also list every range of the plan: replication factor, ring arc, replicas, last sync and attempt, keys read/repaired, tombstones collected, last error.",
        };
        var command = new Command("status", "Show anti-entropy's progress: the current pass, ranges synced and failed, keys repaired, the last full pass.") { ranges };
        command.SetAction((parse, token) =>
        {
            var withRanges = parse.GetValue(ranges);
            return context.RunAsync(parse, "repair status", async session =>
            {
                var response = await session.Client.GetRepairStatusAsync(withRanges, session.CancellationToken);
                session.Output.Write(RepairViews.Status(response, withRanges), CliJson.Output.RepairStatusView, RepairTables.Status);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
