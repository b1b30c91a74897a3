using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Cli.Parsing;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Commands;

/// <summary>
/// `pairdb tenant limits set ID [--requests-per-second N] [--bytes-per-second N] | --use-defaults`: sets a tenant's own
/// rate limits (an absent or 0 limit is unlimited), or drops them so the coordinators' configured defaults apply.
/// </summary>
public static class TenantLimitsSetCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("ID") { Description = "Tenant id." };
        var requests = new Option<long?>("--requests-per-second")
        {
            Description = "Key requests per second each coordinator admits for the tenant (a batch counts once per key); 0 or absent: unlimited.",
            HelpName = "N",
            CustomParser = static result => ValueParsers.Rate(result),
        };
        var bytes = new Option<long?>("--bytes-per-second")
        {
            Description = "Request bytes per second each coordinator admits for the tenant; 0 or absent: unlimited.",
            HelpName = "N",
            CustomParser = static result => ValueParsers.Rate(result),
        };
        var useDefaults = new Option<bool>("--use-defaults")
        {
            Description = "Drop the tenant's own limits: the coordinators' rate_limits.default_* settings apply again.",
        };
        var command = new Command("set", "Set a tenant's rate limits (per coordinator).") { id, requests, bytes, useDefaults };
        command.Validators.Add(result =>
        {
            if (result.GetValue(useDefaults) && (result.GetResult(requests) is not null || result.GetResult(bytes) is not null))
            {
                result.AddError("Give either --use-defaults or limits (--requests-per-second, --bytes-per-second), not both.");
            }
        });
        command.SetAction((parse, token) =>
        {
            var request = new SetTenantLimitsRequest
            {
                TenantId = parse.GetRequiredValue(id),
                RequestsPerSecond = parse.GetValue(requests) ?? 0,
                BytesPerSecond = parse.GetValue(bytes) ?? 0,
                UseDefaults = parse.GetValue(useDefaults),
            };
            return context.RunAsync(parse, "set rate limits of tenant " + request.TenantId, async session =>
            {
                var response = await session.Client.SetTenantLimitsAsync(request, session.CancellationToken);
                session.Output.Write(ProtoViews.TenantLimits(response), CliJson.Output.TenantLimitsChangeView, TenantTables.LimitsChange);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
