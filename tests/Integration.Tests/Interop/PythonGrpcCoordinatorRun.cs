using System.Text.Json.Nodes;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Interop;

/// <summary>
/// Starts a cluster (3 storage node processes, 1 coordinator process) as <see cref="GrpcJsCoordinatorRun"/> does,
/// runs python/coordinator_client.py (python3-grpcio) against the coordinator once, keeps one JSON object per step,
/// and tears the cluster down. The Python process is bounded by <see cref="ScriptTimeout"/> and killed past it;
/// each of its calls carries its own 15 s deadline.
/// </summary>
public sealed class PythonGrpcCoordinatorRun : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, JsonNode> _steps = new(StringComparer.Ordinal);

    /// <summary>
    /// The value the script writes and reads back: every byte value once (NUL, bytes that are not valid UTF-8), then
    /// the same in reverse, so a lossy text conversion anywhere on the wire shows.
    /// </summary>
    public static byte[] Value { get; } = [.. Enumerable.Range(0, 256).Select(static b => (byte)b), .. Enumerable.Range(0, 256).Select(static b => (byte)(255 - b))];

    /// <summary>The script's exit code: 0 when every step met its expectation.</summary>
    public int ExitCode { get; private set; }

    /// <summary>The grpcio version /usr/bin/python3 imported.</summary>
    public string GrpcioVersion { get; private set; } = string.Empty;

    /// <summary>The step names in the order the script ran them.</summary>
    public IReadOnlyList<string> StepNames { get; private set; } = [];

    /// <summary>The script's output and the servers' logs, for assertion messages.</summary>
    public string Output { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        // Before the cluster starts: a missing python3-grpcio fails every test at once with the install command.
        GrpcioVersion = await PythonToolchain.EnsureInstalledAsync();

        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var target = cluster.Coordinator().Target;
        var script = Path.Combine(RepoPaths.Root, "tests", "Integration.Tests", "Interop", "python", "coordinator_client.py");
        var proto = Path.Combine(RepoPaths.Root, "protos", "coordinator.proto");

        var run = await PythonToolchain.RunScriptAsync(script, [target, proto, Convert.ToHexString(Value)], ScriptTimeout);

        ExitCode = run.ExitCode;
        Output = run.Describe() + "\n" + cluster.Logs();
        var names = new List<string>();
        foreach (var line in run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (JsonNode.Parse(line) is JsonObject step && (string?)step["step"] is { } name)
            {
                _steps[name] = step;
                names.Add(name);
            }
        }

        StepNames = names;
        if (names.Count == 0)
        {
            throw new InvalidOperationException("coordinator_client.py printed no step result.\n" + Output);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The outcome of one named step; throws with the whole output when the script did not report it.</summary>
    public JsonNode Step(string name) =>
        _steps.TryGetValue(name, out var step)
            ? step
            : throw new InvalidOperationException($"coordinator_client.py reported no step '{name}'.\n{Output}");
}
