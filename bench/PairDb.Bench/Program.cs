using PairDb.Bench.Commands;

// The bench tool is a small subcommand dispatcher: each command is one IBenchCommand under Commands/, listed here.
IBenchCommand[] commands =
[
    new LoadCommand(),
    new RpcServerCommand(),
    new StorageCommand(),
    new AllocReportCommand(),
];

// The load generator is the default: `PairDb.Bench --target HOST:PORT --workload write ...`.
if (args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not "--help")
{
    return await commands[0].RunAsync(args);
}

if (args.Length > 0)
{
    foreach (var command in commands)
    {
        if (string.Equals(command.Name, args[0], StringComparison.Ordinal))
        {
            return await command.RunAsync(args[1..]);
        }
    }
}

var help = args.Length == 1 && args[0] is "help" or "-h" or "--help";
var output = help ? Console.Out : Console.Error;
if (!help)
{
    output.WriteLine(args.Length == 0 ? "No command given." : $"Unknown command '{args[0]}'.");
}

output.WriteLine("Usage: PairDb.Bench <command> [options]");
foreach (var command in commands)
{
    output.WriteLine($"  {command.Usage,-30} {command.Summary}");
}

return help ? 0 : CommandResult.UsageError;
