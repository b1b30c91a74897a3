using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Bench.Load;
using PairDb.Bench.Storage;

namespace PairDb.Bench.Commands;

/// <summary>
/// `storage`: the load generator's closed-loop workers against one storage node's Write/Read directly, or the same
/// writes against the rpc-server's echo (echo-bare), for the rate of the server stack alone.
/// </summary>
public sealed class StorageCommand : IBenchCommand
{
    public string Name => "storage";

    public string Usage => "storage " + StorageBenchSetup.Usage;

    public string Summary => "Drive one storage node's Write/Read over gRPC (or the rpc-server echo); print ops/s, latency.";

    public async Task<int> RunAsync(string[] args)
    {
        var options = StorageBenchSetup.Parse(args, out var workload, out var problem);
        if (options is null)
        {
            return CommandResult.Usage(this, problem);
        }

        GrpcChannel[] channels;
        try
        {
            channels = BenchChannels.Open(options.Target, options.Tls);
        }
        catch (InvalidDataException ex)
        {
            return CommandResult.Usage(this, ex.Message);
        }

        try
        {
            var targets = StorageBenchSetup.CreateTargets(options, channels);
            var runner = new LoadRunner(options, targets, StorageBenchSetup.SystemName(workload), StorageWorkloads.Name(workload), "n/a (one node, direct)");
            var report = await runner.RunAsync(options.Json ? TextWriter.Null : Console.Out);
            Console.WriteLine(options.Json ? report.ToJson() : report.ToText());
            return CommandResult.Success;
        }
        catch (RpcException ex)
        {
            await Console.Error.WriteLineAsync($"Storage run failed: {ex.StatusCode}: {ex.Status.Detail}");
            return 1;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync("Storage run failed: " + ex.Message);
            return 1;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }
}
