using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb kv get TENANT KEY [--consistency C]`.</summary>
public static class KvGetCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = KvOptions.Tenant();
        var key = KvOptions.Key();
        var consistency = KvOptions.Consistency();
        var command = new Command("get", "Read a value (last write wins among siblings, which are listed too).") { tenant, key, consistency };
        command.SetAction((parse, token) =>
        {
            var request = new ReadKeyValueRequest
            {
                TenantId = parse.GetRequiredValue(tenant),
                Key = parse.GetRequiredValue(key),
                Consistency = parse.GetValue(consistency) ?? string.Empty,
            };
            return context.RunAsync(parse, $"get {request.TenantId}/{request.Key}", async session =>
            {
                var response = await session.Client.ReadAsync(request, session.CancellationToken);
                session.Output.Write(ProtoViews.Read(request.TenantId, response), CliJson.Output.KvReadView, KvTables.Read);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
