using Grpc.Net.Client;
using PairDb.Bench.Load;

namespace PairDb.Bench.Storage;

/// <summary>Turns the storage command's arguments into load options and the targets its workload drives.</summary>
public static class StorageBenchSetup
{
    public const string Usage =
        "--target HOST:PORT --workload " + StorageWorkloads.Names + " --concurrency N --duration S --warmup S "
        + "--keys K --value-size B [--tenant T] [--json] [--timeout-ms MS] [--tls-ca FILE] [--tls-cert FILE --tls-key FILE]";

    // Load-command options that mean nothing against one storage node.
    private static readonly string[] Rejected = ["--system", "--consistency", "--hot-key"];

    /// <summary>Parses the arguments; returns null and a problem description when they are wrong.</summary>
    public static LoadOptions? Parse(string[] args, out StorageWorkload workload, out string problem)
    {
        workload = StorageWorkload.Write;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (Array.IndexOf(Rejected, args[i]) >= 0)
            {
                problem = $"Option {args[i]} does not apply to the storage command.";
                return null;
            }

            if (args[i] != "--workload")
            {
                rest.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Length || !StorageWorkloads.TryParse(args[++i], out workload))
            {
                problem = "--workload needs one of " + StorageWorkloads.Names + ".";
                return null;
            }
        }

        var options = LoadOptions.Parse(rest, out problem);

        // The shared runner preloads keys for reads only; the echo baseline is writes (no preload).
        return options is null ? null : options with { Workload = workload == StorageWorkload.Read ? LoadWorkload.Read : LoadWorkload.Write };
    }

    /// <summary>One target per channel: every workload, the echo's included, sends the storage node's own requests.</summary>
    public static IKvTarget[] CreateTargets(LoadOptions options, IReadOnlyList<GrpcChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(channels);
        var value = LoadRunner.CreateValue(options.ValueSize);
        var targets = new IKvTarget[channels.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = new StorageTarget(channels[i], options, value);
        }

        return targets;
    }

    /// <summary>The system label of the report.</summary>
    public static string SystemName(StorageWorkload workload) => workload switch
    {
        StorageWorkload.EchoBare => "rpc-server bare grpc-dotnet echo (storage Write)",
        _ => "storage node",
    };
}
