using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Bench.Load;

namespace PairDb.Bench.Commands;

/// <summary>The load generator against a coordinator (also the default when the first argument is an option).</summary>
public sealed class LoadCommand : IBenchCommand
{
    public string Name => "load";

    public string Usage => "load " + LoadOptions.Usage;

    public string Summary => "Drive a coordinator with writes/reads; print ops/s, latency percentiles, errors by status.";

    public async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args, out var problem);
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
            var report = await new LoadRunner(options, channels).RunAsync(options.Json ? TextWriter.Null : Console.Out);
            Console.WriteLine(options.Json ? report.ToJson() : report.ToText());
            return CommandResult.Success;
        }
        catch (RpcException ex)
        {
            await Console.Error.WriteLineAsync($"Load run failed: {ex.StatusCode}: {ex.Status.Detail}");
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
