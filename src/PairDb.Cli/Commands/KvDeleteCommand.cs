using System.CommandLine;
using PairDb.Cli.Errors;
using PairDb.Cli.Output;
using PairDb.Cli.Output.Tables;
using PairDb.Cli.Output.Views;
using PairDb.Protocol.Coordinator;

namespace PairDb.Cli.Commands;

/// <summary>`pairdb kv delete TENANT KEY [--consistency C] [--context CLOCK | --if-clock CLOCK]`: writes a tombstone; the key then reads as NOT_FOUND.</summary>
public static class KvDeleteCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = KvOptions.Tenant();
        var key = KvOptions.Key();
        var consistency = KvOptions.Consistency();
        var conditions = new KvConditionOptions(ifAbsent: false);
        var command = new Command("delete", "Delete a key (writes a tombstone).") { tenant, key, consistency };
        conditions.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var request = new DeleteKeyValueRequest
            {
                TenantId = parse.GetRequiredValue(tenant),
                Key = parse.GetRequiredValue(key),
                Consistency = parse.GetValue(consistency) ?? string.Empty,
                Context = conditions.Context(parse),
                IfClock = conditions.IfClock(parse),
            };
            return context.RunAsync(parse, $"delete {request.TenantId}/{request.Key}", async session =>
            {
                var response = await session.Client.DeleteAsync(request, session.CancellationToken);
                session.Output.Write(ProtoViews.Delete(request.TenantId, response), CliJson.Output.KvMutationView, KvTables.Mutation);
                return ExitCodes.Ok;
            }, token);
        });
        return command;
    }
}
