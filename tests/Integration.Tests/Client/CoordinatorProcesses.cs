using System.Globalization;
using PairDb.Client;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Client;

/// <summary>What the single-coordinator fixtures share: their settings, waiting until the process serves, and removing its folder.</summary>
internal static class CoordinatorProcesses
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The settings of a one-command coordinator serving on <paramref name="port"/> with its data under
    /// <paramref name="root"/>: free health and metrics ports, a one-node cluster, storage without fsync, quiet logs.
    /// </summary>
    public static Dictionary<string, string> Environment(int port, string root) => new(StringComparer.Ordinal)
    {
        ["SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["METRICS_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["DATA_DIR"] = Path.Combine(root, "data"),
        ["CLUSTER_PORT"] = "0",
        ["STORAGE_DURABILITY"] = "os",
        ["LOG_LEVEL"] = "Warning",
    };

    /// <summary>
    /// Waits until <paramref name="client"/> reads the default tenant through <paramref name="process"/>; throws, with
    /// the process output, when it exits or is not ready within 90 s.
    /// </summary>
    public static async Task WaitReadyAsync(ServerProcess process, PairDbClient client)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!process.IsRunning)
            {
                throw new InvalidOperationException($"{process.Name} exited during start.\n{process.Output}");
            }

            try
            {
                if (await client.GetTenantAsync("default") is { ReplicationFactor: > 0 })
                {
                    return;
                }
            }
            catch (PairDbException)
            {
                // Not listening or not ready yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{process.Name} was not ready within {StartTimeout.TotalSeconds} s.\n{process.Output}");
    }

    /// <summary>Deletes <paramref name="root"/>; a killed process may still be releasing files, the OS temp cleanup takes the rest.</summary>
    public static void DeleteQuietly(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // See above.
        }
    }
}
