using System.Text.Json.Nodes;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Interop;

/// <summary>
/// Starts a cluster (3 storage node processes, 1 coordinator process), runs coordinator-client.js (grpc-js) against
/// the coordinator once, keeps its JSON result, and tears the cluster down. The node process is bounded by
/// <see cref="ScriptTimeout"/> and killed past it; each of its calls carries its own 10 s deadline.
/// </summary>
public sealed class GrpcJsCoordinatorRun : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The script's JSON: one object per step, each with code, details and (when OK) reply.</summary>
    public JsonNode Result { get; private set; } = new JsonObject();

    /// <summary>The storage ports the cluster listened on, in node order (storage-1 first).</summary>
    public IReadOnlyList<int> StoragePorts { get; private set; } = [];

    /// <summary>The script's output and the servers' logs, for assertion messages.</summary>
    public string Output { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        StoragePorts = [.. cluster.StoragePorts];
        var target = cluster.Coordinator().Target;
        var script = Path.Combine(RepoPaths.Root, "tests", "Integration.Tests", "Interop", "coordinator-client.js");
        var proto = Path.Combine(RepoPaths.Root, "protos", "coordinator.proto");

        var run = await NodeToolchain.RunScriptAsync(script, [target, proto], ScriptTimeout);

        Output = run.Describe() + "\n" + cluster.Logs();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("coordinator-client.js failed.\n" + Output);
        }

        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Result = lines.Length > 0 && JsonNode.Parse(lines[^1]) is { } result
            ? result
            : throw new InvalidOperationException("coordinator-client.js printed no JSON result.\n" + Output);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The outcome of one named step of the script; throws with the whole output when it is missing.</summary>
    public JsonNode Step(string name) =>
        Result[name] ?? throw new InvalidOperationException($"coordinator-client.js reported no step '{name}'.\n{Output}");
}
